package dev.autonomy.creator.check;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes generated code stoppable: inserts {@code Guard.check()} at the entry of every method (constructors and
 * static initializers too) and before every backward jump, so every loop iteration and every call checks the
 * deadline. The call takes and leaves nothing on the stack, so the existing stack map frames and max stack stay
 * valid and nothing has to be recomputed (which would need the classes loaded).
 */
public final class DeadlineWeaver {

    private static final String CHECK = "check";
    private static final String CHECK_DESC = "()V";

    private DeadlineWeaver() {
    }

    /**
     * Weaves classes.
     *
     * @param classes           class bytes by internal name
     * @param guardInternalName the class with {@code public static void check()}; it and its nested classes
     *                          ({@code guard$...}) are returned unchanged
     * @param exempt            internal names returned unchanged
     * @return new bytes by internal name, in the order given; unchanged classes keep their byte arrays
     */
    public static Map<String, byte[]> weave(Map<String, byte[]> classes, String guardInternalName, Set<String> exempt) {
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(guardInternalName, "guardInternalName");
        Objects.requireNonNull(exempt, "exempt");
        Map<String, byte[]> woven = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> {
            boolean skip = exempt.contains(name) || name.equals(guardInternalName)
                    || name.startsWith(guardInternalName + "$");
            woven.put(name, skip ? bytes : weave(bytes, guardInternalName));
        });
        return Collections.unmodifiableMap(woven);
    }

    private static byte[] weave(byte[] bytes, String guard) {
        ClassReader reader = new ClassReader(bytes);
        // Sharing the reader's constant pool keeps the rest of the class as it was.
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                return mv == null ? null : new Checks(mv, guard);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the checks into one method; abstract and native methods never see visitCode. */
    private static final class Checks extends MethodVisitor {
        private final String guard;
        private final Set<Label> seen = new HashSet<>(); // ClassReader makes one Label per offset

        Checks(MethodVisitor mv, String guard) {
            super(Opcodes.ASM9, mv);
            this.guard = guard;
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, guard, CHECK, CHECK_DESC, false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            // A static call before super()/this() is legal: it does not touch the uninitialized this.
            check();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (backward(dflt, labels)) {
                check();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (backward(dflt, labels)) {
                check();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean backward(Label dflt, Label[] labels) {
            if (seen.contains(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (seen.contains(l)) {
                    return true;
                }
            }
            return false;
        }
    }
}
