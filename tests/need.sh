# need.sh — sourced by the tests: what a test does when a tool it needs is missing.
# missing TEST WHAT: says what is missing and exits 77, which ctest reports as Skipped
# (SKIP_RETURN_CODE in tests/CMakeLists.txt); in CI (CI=true, set by .ci/run) a missing tool
# is a failure, exit 1, since .ci/install-deps installs everything the tests need.
missing() {
    if [ "${CI:-}" = true ]; then
        echo "$1: FAIL: needs $2 (CI=true: a missing tool is a failure; .ci/install-deps installs them all)"
        exit 1
    fi
    echo "$1: SKIPPED: needs $2"
    exit 77
}
# The tests' npm packages (tests/package.json, versions pinned by tests/package-lock.json),
# installed by .ci/install-deps with npm ci, or by hand: cd tests && npm ci
npm_modules=$(cd "$(dirname "$0")" && pwd)/node_modules
