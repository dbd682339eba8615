// @geldstroom/application: the ledger's one command path, used by the API and the command line
// alike. The kinds of command (endpoint, DTO, access, the one DTO-to-command mapping), checking and
// sending a command as a principal, batches (each on its own or atomic), the write handler with
// its kept stream state, the access registry, the scenario loader, and the problems it answers.
export * from './access/access-registry';
export * from './access/access-rules';
export * from './access/principal';
export * from './commands/batch';
export * from './commands/command-catalogue';
export * from './commands/command-kind';
export * from './commands/command-response';
export * from './commands/send-command';
export * from './commands/submit-command';
export * from './problem/problem';
export * from './problem/validation';
export * from './scenario/scenario-loader';
export * from './write/record.command';
export * from './write/staged-streams';
export * from './write/store.tokens';
export * from './write/stream-states';
