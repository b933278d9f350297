package dev.orchestrator.agent.notify;

import dev.orchestrator.model.NotifyChannel;
import java.io.IOException;

/** Delivers an alert to one kind of channel. Thread-safe; throws when the channel did not accept it. */
interface ChannelSender {

    void send(NotifyChannel channel, Alert alert) throws IOException;
}
