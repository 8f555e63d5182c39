package io.switchboard.events.command;

/** The answer to a command, matched to the waiting caller by command id. */
public interface CommandReply {

    String commandId();
}
