package dev.autonomy.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The peer of the agent creator: the same agent built the way a developer builds a bundle by hand, as a small
 * standalone Maven project (bnd-maven-plugin {@value #BND_VERSION}, {@code bnd-process}, the jar plugin using bnd's
 * manifest; foundation-api {@code provided}) made from a created agent's sources ({@code data/agents/<id>/r1/src/})
 * under a new id, with its Declarative Services descriptor written by hand: the generated one without the
 * {@code agent.staged=true} property (a hand-built bundle is not probed by the creator, so nobody would un-stage it).
 */
final class MavenPeer {

    static final String BND_VERSION = "7.4.0";
    /** The plugin versions of the repository's parent pom, written out: the peer has no parent. */
    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
              <modelVersion>4.0.0</modelVersion>
              <groupId>bench.peer</groupId>
              <artifactId>agent-${id}</artifactId>
              <version>1.0.0</version>
              <packaging>jar</packaging>
              <name>Agent ${id}, built by hand (benchmark peer of the agent creator)</name>
              <properties>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
              </properties>
              <dependencies>
                <dependency><groupId>dev.autonomy</groupId><artifactId>foundation-api</artifactId><version>0.1.0-SNAPSHOT</version><scope>provided</scope></dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.16.0</version>
                    <configuration><release>17</release><compilerArgs><arg>-parameters</arg></compilerArgs></configuration></plugin>
                  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.6.1</version></plugin>
                  <plugin><groupId>biz.aQute.bnd</groupId><artifactId>bnd-maven-plugin</artifactId><version>${bnd}</version>
                    <executions><execution><id>bnd-process</id><goals><goal>bnd-process</goal></goals></execution></executions>
                    <configuration><bnd><![CDATA[
            Bundle-SymbolicName: bench.peer.${id}
            -noextraheaders: true
            -snapshot: SNAPSHOT
            Export-Package:
            Service-Component: OSGI-INF/${component}.xml
            Autonomy-Tool-Access: ${tools}
            ]]></bnd></configuration>
                  </plugin>
                  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version>
                    <configuration><archive><manifestFile>${project.build.outputDirectory}/META-INF/MANIFEST.MF</manifestFile></archive></configuration></plugin>
                </plugins>
              </build>
            </project>
            """;
    private static final Pattern STAGED = Pattern.compile("[ \\t]*<property name=\"agent\\.staged\"[^>]*/>\\R");

    private final Path project;
    private final String id;

    private MavenPeer(Path project, String id) {
        this.project = project;
        this.id = id;
    }

    /**
     * Writes the project to {@code project} (replacing an earlier one) from revision 1 of a created agent.
     *
     * @param revisionDir {@code data/agents/<fromId>/r1}: its {@code src/} and, for the descriptor, its
     *                    {@code agent.jar}
     */
    static MavenPeer write(Path revisionDir, String fromId, String toId, String tools, Path project) {
        String fromPackage = "dev.autonomy.generated." + fromId + ".r1";
        String toPackage = "dev.autonomy.generated." + toId + ".r1";
        String component = toPackage + ".AgentComponent";
        Dirs.deleteTree(project);
        try {
            Path sources = Files.createDirectories(project.resolve("src/main/java")
                    .resolve(toPackage.replace('.', '/')));
            try (Stream<Path> files = Files.list(revisionDir.resolve("src"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                    Files.writeString(sources.resolve(f.getFileName().toString()),
                            rename(Files.readString(f), fromId, toId));
                }
            }
            String xml;
            try (JarFile jar = new JarFile(revisionDir.resolve("agent.jar").toFile());
                 InputStream in = jar.getInputStream(jar.getEntry("OSGI-INF/" + fromPackage
                         + ".AgentComponent.xml"))) {
                xml = rename(new String(in.readAllBytes(), StandardCharsets.UTF_8), fromId, toId);
            } catch (NullPointerException noEntry) {
                throw new IllegalStateException("no descriptor OSGI-INF/" + fromPackage + ".AgentComponent.xml in "
                        + revisionDir.resolve("agent.jar"));
            }
            String unstaged = STAGED.matcher(xml).replaceAll("");
            if (unstaged.equals(xml)) {
                throw new IllegalStateException("the generated descriptor has no agent.staged property: " + xml);
            }
            Path osgiInf = Files.createDirectories(project.resolve("src/main/resources/OSGI-INF"));
            Files.writeString(osgiInf.resolve(component + ".xml"), unstaged);
            Files.writeString(project.resolve("pom.xml"), POM
                    .replace("${id}", toId)
                    .replace("${bnd}", BND_VERSION)
                    .replace("${component}", component)
                    .replace("${tools}", tools));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the peer project " + project, e);
        }
        return new MavenPeer(project, toId);
    }

    /** The agent id in sources and descriptor: the package name holds it, and the component checks it. */
    private static String rename(String text, String fromId, String toId) {
        return text.replace(fromId, toId);
    }

    /** {@code mvn -B -o -q package}, a fresh Maven JVM, as a user runs it. */
    List<String> command() {
        return List.of("mvn", "-B", "-o", "-q", "package");
    }

    Path project() {
        return project;
    }

    String id() {
        return id;
    }

    /** The jar {@code mvn package} makes. */
    Path jar() {
        return project.resolve("target/agent-" + id + "-1.0.0.jar");
    }
}
