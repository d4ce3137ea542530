/** Exit statuses of the contract: 0 success, 2 bad input, 1 anything else. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** A user mistake (bad flag, missing folder): reported without a stack trace, exit 2. */
export class UsageError extends Error {}
