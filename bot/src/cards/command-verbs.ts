// Action.Execute verbs of the chat's own suggestions (the "did you mean" and intent cards).
// - command.run: { command } the command text exactly as it would be typed ("incidents open");
//     the bot runs it as if the presser had typed it, and the card then says what ran.
export const COMMAND_VERBS = { run: 'command.run' } as const;
