package dev.autonomy.creator.build;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.EmbeddedResource;
import aQute.bnd.osgi.Jar;
import dev.autonomy.creator.pipeline.AgentCodeBase;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.jar.Manifest;

/**
 * Packages checked classes as a bundle with bndlib's {@link Analyzer}, which computes {@code Import-Package} from
 * the bytecode. Generated bundles export nothing; their {@code Autonomy-Tool-Access} header lists exactly the tools
 * the spec declares.
 */
public final class BundlePackager {

    /** A packaged bundle and its SHA-256 (hex). */
    public record Packaged(byte[] jar, String sha256, String symbolicName, String version) {
    }

    /** Manifest header naming the agent a generated bundle provides. */
    public static final String AGENT_HEADER = "Autonomy-Agent";
    /** Manifest header with the creator's revision number of that agent. */
    public static final String REVISION_HEADER = "Autonomy-Agent-Revision";
    /** The symbolic-name prefix of every generated bundle. */
    public static final String BSN_PREFIX = "dev.autonomy.generated.";

    private BundlePackager() {
    }

    /**
     * @param classes        checked and woven class files, by internal name
     * @param importVersions version ranges of the API packages, by package (e.g. {@code [1.0,2)})
     * @param agentVersion   the agent's semantic version
     */
    public static Packaged packageBundle(AgentCodeBase code, Map<String, byte[]> classes,
                                         Map<String, String> importVersions, String agentVersion)
            throws Exception {
        long time = 0L; // reproducible: the same classes give the same jar and hash
        try (Jar jar = new Jar(code.agentId()); Analyzer analyzer = new Analyzer()) {
            jar.setReproducible("true"); // else bnd stamps entries with a time of 0 with the clock
            classes.forEach((name, bytes) -> jar.putResource(name + ".class", new EmbeddedResource(bytes, time)));
            String xml = "OSGI-INF/" + code.componentName() + ".xml";
            jar.putResource(xml, new EmbeddedResource(code.componentXml().getBytes(StandardCharsets.UTF_8), time));
            analyzer.setJar(jar);
            String bsn = BSN_PREFIX + code.agentId();
            String version = agentVersion + ".r" + code.revision();
            analyzer.setProperty("Bundle-SymbolicName", bsn);
            analyzer.setProperty("Bundle-Version", version);
            analyzer.setProperty("Bundle-Name", "Generated agent " + code.agentId() + " (revision "
                    + code.revision() + ")");
            analyzer.setProperty("Service-Component", xml);
            analyzer.setProperty("Export-Package", "");
            analyzer.setProperty("Private-Package", code.packageName() + "," + code.packageName() + ".*");
            StringJoiner imports = new StringJoiner(",");
            importVersions.forEach((pkg, range) -> imports.add(pkg + ";version=\"" + range + "\""));
            imports.add("*");
            analyzer.setProperty("Import-Package", imports.toString());
            if (!code.toolAccess().isEmpty()) {
                analyzer.setProperty("Autonomy-Tool-Access", String.join(",", code.toolAccess()));
            }
            analyzer.setProperty(AGENT_HEADER, code.agentId());
            analyzer.setProperty(REVISION_HEADER, Integer.toString(code.revision()));
            analyzer.setProperty("-noextraheaders", "true");
            analyzer.setProperty("-reproducible", "true");
            Manifest manifest = analyzer.calcManifest();
            List<String> errors = new ArrayList<>(analyzer.getErrors());
            if (!errors.isEmpty()) {
                throw new IllegalStateException("bnd: " + String.join("; ", errors));
            }
            jar.setManifest(manifest);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            jar.write(out);
            byte[] bytes = out.toByteArray();
            return new Packaged(bytes, sha256(bytes), bsn, version);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
