/**
 * S3's rules for a new bucket's name, each broken rule explained in words.
 * (Existing buckets may predate the rules; only creation checks them.)
 */
export function bucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) problems.push(`A bucket name has 3 to 63 characters (this one has ${name.length}).`);
  if (/[A-Z]/.test(name)) problems.push('Use lowercase letters only: S3 bucket names cannot contain capitals.');
  const bad = [...new Set(name.replace(/[a-z0-9.-]/gi, ''))];
  if (bad.length) {
    const shown = bad.map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', ');
    problems.push(`Only letters, digits, dots (.) and hyphens (-) are allowed, not ${shown}.`);
  }
  if (name && !/^[a-z0-9]/i.test(name)) problems.push('Start with a letter or a digit.');
  if (name && !/[a-z0-9]$/i.test(name)) problems.push('End with a letter or a digit.');
  if (name.includes('..')) problems.push('Two dots in a row are not allowed.');
  if (/\.-|-\./.test(name)) problems.push('A dot next to a hyphen (".-" or "-.") is not allowed.');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) problems.push('A bucket name cannot look like an IP address (e.g. 192.168.5.4).');
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) problems.push('Names starting with "xn--", "sthree-" or "amzn-s3-demo-" are reserved.');
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) {
    problems.push('Names ending in "-s3alias", "--ol-s3", ".mrap", "--x-s3" or "--table-s3" are reserved.');
  }
  return problems;
}

/** A note for valid names that still cause trouble (dots and virtual-host TLS). */
export function bucketNameWarnings(name: string): string[] {
  return name.includes('.')
    ? ['Dots in a bucket name break HTTPS with virtual-host addressing (the certificate does not match): Pail will use path style for it.']
    : [];
}
