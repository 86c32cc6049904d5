package dev.autonomy.creator.tool;

import dev.autonomy.api.action.Actor;
import dev.autonomy.foundation.api.tool.ToolCall;

/** Who is calling: the client's name from its initialization. */
final class Clients {
    private Clients() {
    }

    static Actor actor(ToolCall call) {
        String name = call.context().request().client().name();
        return Actor.client(name == null || name.isBlank() ? "unknown" : name);
    }
}
