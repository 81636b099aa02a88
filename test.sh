#!/usr/bin/env bash
# Runs every Faultline test on a fresh Debian machine with the .NET SDK, installing what the tests need,
# and ends with the line "N passed, N failed, N skipped" summed from the TRX logs.
set -uo pipefail
cd "$(dirname "$0")"

need_apt=()
# Debian packages the tests use (SQLite ships inside Microsoft.Data.Sqlite): a font with Cyrillic glyphs for the
# chart tests, and Chromium for the PDF report tests (they skip with a message when it cannot be installed).
# Nothing else is downloaded at run time.
apt_packages=(fonts-dejavu-core chromium)
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing: ${need_apt[*]}"
    apt-get update -qq >/dev/null 2>&1
    # One at a time, so that a package that cannot be had (Chromium is large) does not keep the others out.
    for pkg in "${need_apt[@]}"; do
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null 2>&1 \
        || echo "warning: could not install $pkg; tests that need it will say so"
    done
  else
    echo "warning: missing ${need_apt[*]} (run as root or install them); tests that need them will say so"
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$(pwd)/TestResults"
rm -rf "$results"
dotnet restore Faultline.slnx || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet build Faultline.slnx -c Release --no-restore -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet test Faultline.slnx -c Release --no-build --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files+1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); n=$(get notExecuted); total=$(get total); x=$(get executed)
  # VSTest writes skipped xunit tests as total - executed, not as notExecuted.
  s=$(( ${total:-0} - ${x:-0} )); [ "$s" -lt "${n:-0}" ] && s=${n:-0}
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0})); skipped=$((skipped + s))
done
if [ "$files" -eq 0 ]; then failed=$((failed+1)); echo "no test results were written"; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "the test run failed before reporting results"; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
