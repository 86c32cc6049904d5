package dev.autonomy.testkit.container;

import dev.autonomy.api.action.Actor;
import dev.autonomy.api.governor.ActionState;
import dev.autonomy.api.governor.AutonomyGovernor;
import dev.autonomy.api.governor.Mode;
import dev.autonomy.testkit.Operator;
import org.osgi.framework.BundleContext;

import java.util.Optional;

/**
 * The operator in a container: each step is the {@code autonomy:*} command an operator types, and where a proposal
 * stands afterwards is read from the governor ({@code state(id)}), not from the command's text.
 */
public final class ShellOperator implements Operator {

    private final BundleContext context;

    public ShellOperator(BundleContext context) {
        this.context = context;
    }

    /** The shell's operator: the control bundle journals console steps as the user running the container. */
    @Override
    public Actor actor() {
        String user = System.getProperty("user.name");
        return Actor.operator(user == null || user.isBlank() ? "operator" : user);
    }

    @Override
    public Optional<ActionState> approve(String proposalId) {
        Shell.call(context, "autonomy:approve " + proposalId);
        return state(proposalId);
    }

    @Override
    public Optional<ActionState> reject(String proposalId, String reason) {
        Shell.call(context, "autonomy:reject " + proposalId + words(reason));
        return state(proposalId);
    }

    @Override
    public Optional<ActionState> rollback(String proposalId, String reason) {
        Shell.call(context, "autonomy:rollback " + proposalId + words(reason));
        return state(proposalId);
    }

    @Override
    public void setMode(String key, Mode mode) {
        Shell.call(context, "autonomy:mode " + key + " " + mode);
    }

    @Override
    public void resetMode(String key) {
        Shell.call(context, "autonomy:mode --reset " + key);
    }

    @Override
    public void halt(String reason) {
        Shell.call(context, "autonomy:halt" + words(reason));
    }

    @Override
    public void resume() {
        Shell.call(context, "autonomy:resume");
    }

    @Override
    public void resume(String capability) {
        Shell.call(context, "autonomy:resume " + capability);
    }

    private Optional<ActionState> state(String proposalId) {
        return Services.service(context, AutonomyGovernor.class).state(proposalId);
    }

    /** Free text as separate shell words (Gogo would read quotes and some symbols itself). */
    private static String words(String text) {
        String plain = text == null ? "" : text.replaceAll("[^\\p{L}\\p{N} .,:-]", " ").strip();
        return plain.isEmpty() ? "" : " " + plain;
    }
}
