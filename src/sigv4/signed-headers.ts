// The SignedHeaders list, `host;x-amz-date`, shared by header and query transport (§7.1).

/** Undefined when the list is empty or has an empty name (`host;;x-amz-date`). */
export const parseSignedHeaders = (text: string): readonly string[] | undefined => {
  const names = text.split(';');
  return names.some((name) => name === '') ? undefined : names;
};

/**
 * The host must be signed (§7.1): without it a signature made for one endpoint replays on another.
 * The text is the one AWS services return for this case.
 */
export const HOST_NOT_SIGNED_MESSAGE = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

export const signsHost = (signedHeaders: readonly string[]): boolean =>
  signedHeaders.some((name) => {
    const lower = name.toLowerCase();
    return lower === 'host' || lower === ':authority';
  });
