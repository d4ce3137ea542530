/**
 * Exit statuses of the contract: 0 success, 2 bad input, 1 anything else;
 * 130 / 143 when stopped by SIGINT / SIGTERM (interrupts.ts).
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** A user mistake (bad flag, missing folder): reported without a stack trace, exit 2. */
export class UsageError extends Error {}

/** `sim run --check` found an invariant broken: the message says which, exit 1 without a stack trace. */
export class CheckFailed extends Error {}
