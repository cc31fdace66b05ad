/** A mistake on the command line (an option, an argument, an environment variable): exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
