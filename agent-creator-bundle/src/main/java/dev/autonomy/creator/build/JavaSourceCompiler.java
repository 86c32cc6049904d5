package dev.autonomy.creator.build;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Compiles generated sources in memory with the JDK's compiler. The compile class path is exactly what the
 * {@link ClassSource} lists (in the container: the packages this bundle imports from foundation-api), so generated
 * code cannot even name anything else at compile time; the platform classes come from the JDK as usual.
 * Compiles are serialized: javac's shared tables are not made for concurrent use in one class loader.
 */
public final class JavaSourceCompiler {

    /** Lists the class files of the packages generated code may compile against. */
    public interface ClassSource {
        /** The {@code .class} resources of {@code packageName} (dotted), by binary name; empty if none. */
        Map<String, URL> classes(String packageName);
    }

    /** One compiler message, with the line in the generated source. */
    public record Message(String kind, String file, long line, long column, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + kind + ": " + text;
        }
    }

    /** The outcome: class files by internal name, or errors. */
    public record Result(Map<String, byte[]> classes, List<Message> errors, List<Message> warnings) {
        public Result {
            classes = Map.copyOf(classes);
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        public boolean success() {
            return errors.isEmpty();
        }
    }

    private static final List<String> OPTIONS = List.of("-proc:none", "-g", "-implicit:none",
            "-XDuseUnsharedTable=true", "-Xlint:none");

    private final ClassSource classSource;
    private final ReentrantLock lock = new ReentrantLock();

    public JavaSourceCompiler(ClassSource classSource) {
        this.classSource = classSource;
    }

    /** Compiles {@code sources} (fully qualified class name → source text). */
    public Result compile(Map<String, String> sources) {
        return compile(sources, Map.of());
    }

    /**
     * Compiles {@code sources} against, besides the {@link ClassSource}, {@code classes} (internal name → class
     * file): already compiled classes of the same build, e.g. support classes compiled once and reused.
     */
    public Result compile(Map<String, String> sources, Map<String, byte[]> classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return new Result(Map.of(), List.of(new Message("ERROR", "", 0, 0,
                    "no Java compiler in this runtime: run the server on a JDK, not a JRE")), List.of());
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        lock.lock();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            standard.setLocation(StandardLocation.CLASS_PATH, List.of());
            MemoryFileManager files = new MemoryFileManager(standard, classSource, classes);
            boolean ok = javac.getTask(null, files, diagnostics, OPTIONS, null, units).call();
            List<Message> errors = new ArrayList<>();
            List<Message> warnings = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                String file = d.getSource() == null ? "" : d.getSource().getName().replaceFirst("^/", "");
                Message m = new Message(d.getKind().name(), file, d.getLineNumber(), d.getColumnNumber(),
                        d.getMessage(Locale.ROOT));
                (d.getKind() == Diagnostic.Kind.ERROR ? errors : warnings).add(m);
            }
            if (!ok && errors.isEmpty()) {
                errors.add(new Message("ERROR", "", 0, 0, "the compiler failed without a message"));
            }
            return new Result(ok ? files.output() : Map.of(), errors, warnings);
        } catch (IOException e) {
            return new Result(Map.of(), List.of(new Message("ERROR", "", 0, 0, "compiler I/O: " + e.getMessage())),
                    List.of());
        } finally {
            lock.unlock();
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class Output extends SimpleJavaFileObject {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Output(String className) {
            super(URI.create("mem:///" + className.replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
        }

        @Override
        public OutputStream openOutputStream() {
            return bytes;
        }
    }

    /** A class file on the compile class path, read from the {@link ClassSource}'s URL or from memory. */
    private static final class Dependency extends SimpleJavaFileObject {
        final String binaryName;
        private final URL url;
        private final byte[] bytes;

        Dependency(String binaryName, URL url, byte[] bytes) {
            super(URI.create("dep:///" + binaryName.replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
            this.binaryName = binaryName;
            this.url = url;
            this.bytes = bytes;
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return bytes != null ? new java.io.ByteArrayInputStream(bytes) : url.openStream();
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        private final ClassSource classSource;
        private final Map<String, byte[]> classes;
        private final Map<String, Output> outputs = new LinkedHashMap<>();

        MemoryFileManager(JavaFileManager delegate, ClassSource classSource, Map<String, byte[]> classes) {
            super(delegate);
            this.classSource = classSource;
            this.classes = classes;
        }

        @Override
        public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                             boolean recurse) throws IOException {
            if (location == StandardLocation.CLASS_PATH) {
                if (!kinds.contains(JavaFileObject.Kind.CLASS)) {
                    return List.of();
                }
                List<JavaFileObject> found = new ArrayList<>();
                classSource.classes(packageName).forEach((name, url) -> found.add(new Dependency(name, url, null)));
                String prefix = packageName.replace('.', '/') + "/";
                classes.forEach((internal, bytes) -> {
                    if (internal.startsWith(prefix) && internal.indexOf('/', prefix.length()) < 0) {
                        found.add(new Dependency(internal.replace('/', '.'), null, bytes));
                    }
                });
                return found;
            }
            return super.list(location, packageName, kinds, recurse);
        }

        @Override
        public String inferBinaryName(Location location, JavaFileObject file) {
            return file instanceof Dependency ? ((Dependency) file).binaryName : super.inferBinaryName(location, file);
        }

        @Override
        public boolean hasLocation(Location location) {
            return location == StandardLocation.CLASS_PATH || super.hasLocation(location);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            Output o = new Output(className);
            outputs.put(className, o);
            return o;
        }

        @Override
        public boolean isSameFile(FileObject a, FileObject b) {
            return a.toUri().equals(b.toUri());
        }

        Map<String, byte[]> output() {
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, Output>> it = outputs.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Output> e = it.next();
                out.put(e.getKey().replace('.', '/'), e.getValue().bytes.toByteArray());
            }
            return out;
        }
    }
}
