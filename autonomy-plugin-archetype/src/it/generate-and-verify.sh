#!/usr/bin/env bash
# The archetype as a user meets it: generate a plugin with `mvn archetype:generate`, then `mvn verify` it.
#
# Reactor modules are not installed in the local repository (CI runs `mvn verify` on a fresh clone), so this build's
# parent pom, foundation-api, autonomy-api, autonomy-testkit (the generated tests use it) with the control bundle it
# brings, and the archetype go into a file repository under target/, which a generated global settings file adds;
# the user's own settings, the local repository and Central serve everything else (the kit's Jackson, H2 ...). They
# go there under a version of their own for this run (0.1.0-archetype-check-<time>), so that resolving them neither
# overwrites the SNAPSHOTs in the shared local repository nor finds stale copies; their cached copies are removed
# from the local repository again at the end.
#
# Usage: generate-and-verify.sh ROOT VERSION TARGET MAVEN_HOME LOCAL_REPO offline=true|false ARCHETYPE_PLUGIN_VERSION
# Leaves the generated project in TARGET/generated-plugin and its bundle in TARGET/generated-plugin/target/ (its pom
# names this run's version of the APIs, gone from the local repository afterwards: run this script to build it again).
set -euo pipefail

root=$(cd "$1" && pwd) version=$2 target=$3 maven_home=$4 local_repo=$5 offline=$6 archetype_plugin=$7
mvn="$maven_home/bin/mvn"
repo="$target/it-repo"
logs="$target/it-logs"
settings="$target/it-settings.xml"
project="$target/generated-plugin"
check_version="${version%-SNAPSHOT}-archetype-check-$(date -u +%Y%m%d.%H%M%S)"
artifacts=(autonomy-parent foundation-api autonomy-api autonomy-control-bundle autonomy-testkit autonomy-plugin-archetype)

rm -rf "$repo" "$logs" "$project"
mkdir -p "$repo" "$logs"
forget() {
  for a in "${artifacts[@]}"; do
    rm -rf "${local_repo:?}/dev/autonomy/$a/$check_version"
    rmdir "$local_repo/dev/autonomy/$a" 2>/dev/null || true # only if nothing else is there
  done
}
trap forget EXIT

# publish ARTIFACT POM [JAR]: puts one dev.autonomy artifact of this build into the file repository.
publish() {
  local artifact=$1 pom=$2 jar=${3:-} dir
  for f in "$pom" $jar; do
    if [[ ! -f $f ]]; then
      echo "[archetype] missing $f: build the modules first (mvn -pl autonomy-plugin-archetype -am verify)" >&2
      exit 1
    fi
  done
  dir="$repo/dev/autonomy/$artifact/$check_version"
  mkdir -p "$dir"
  sed "s|<version>$version</version>|<version>$check_version</version>|g" "$pom" > "$dir/$artifact-$check_version.pom"
  if [[ -n $jar ]]; then
    cp "$jar" "$dir/$artifact-$check_version.jar"
  fi
}

publish autonomy-parent "$root/pom.xml"
publish foundation-api "$root/foundation-api/pom.xml" "$root/foundation-api/target/foundation-api-$version.jar"
publish autonomy-api "$root/autonomy-api/pom.xml" "$root/autonomy-api/target/autonomy-api-$version.jar"
for module in autonomy-control-bundle autonomy-testkit; do
  publish "$module" "$root/$module/pom.xml" "$root/$module/target/$module-$version.jar"
done
publish autonomy-plugin-archetype "$root/autonomy-plugin-archetype/pom.xml" \
  "$target/autonomy-plugin-archetype-$version.jar"

repository="<id>autonomy-build</id><url>file://$repo</url>
        <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
        <snapshots><enabled>false</enabled></snapshots>"
cat > "$settings" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- Global settings for the archetype check: the user's settings still apply on top. -->
<settings>
  <profiles>
    <profile>
      <id>autonomy-build</id>
      <activation><activeByDefault>true</activeByDefault></activation>
      <repositories><repository>$repository</repository></repositories>
      <pluginRepositories><pluginRepository>$repository</pluginRepository></pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>autonomy-build</activeProfile></activeProfiles>
</settings>
XML

common=(-B -gs "$settings" "-Dmaven.repo.local=$local_repo" -Dstyle.color=never)
if [[ $offline == offline=true ]]; then
  # offline, but the file repository is on this disk: let the resolver read it
  common+=(-o -Daether.offline.protocols=file)
fi

# run NAME DIR ARGS..: one Maven run, its output in target/it-logs/NAME.log, the end of it shown if it fails.
run() {
  local name=$1 dir=$2
  shift 2
  if ! (cd "$dir" && "$mvn" "${common[@]}" "$@") > "$logs/$name.log" 2>&1; then
    echo "[archetype] $name failed; the end of $logs/$name.log:" >&2
    tail -n 80 "$logs/$name.log" >&2
    exit 1
  fi
}

echo "[archetype] mvn archetype:generate (log: $logs/generate.log)"
run generate "$target" "org.apache.maven.plugins:maven-archetype-plugin:$archetype_plugin:generate" \
  -DinteractiveMode=false -DarchetypeCatalog=internal \
  -DarchetypeGroupId=dev.autonomy -DarchetypeArtifactId=autonomy-plugin-archetype -DarchetypeVersion="$check_version" \
  -DgroupId=dev.example -DartifactId=generated-plugin -Dversion=1.0.0-SNAPSHOT -Dpackage=dev.example.myplugin \
  -Dcapability=my-plugin -DautonomyVersion="$check_version"

echo "[archetype] mvn verify in $project (log: $logs/verify.log)"
run verify "$project" verify

jar="$project/target/generated-plugin-1.0.0-SNAPSHOT.jar"
manifest="$project/target/classes/META-INF/MANIFEST.MF"
if [[ ! -f $jar ]] || ! grep -q '^Autonomy-Capability: my-plugin' "$manifest"; then
  echo "[archetype] no bundle with Autonomy-Capability: my-plugin at $jar" >&2
  exit 1
fi
tests=$(grep -E '^\[INFO\] Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: [0-9]+$' "$logs/verify.log" | tail -n 1)
echo "[archetype] the generated plugin builds and passes its tests (${tests#\[INFO\] }): $jar"
