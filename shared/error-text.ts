import type { ErrorCode } from './errors';

/**
 * Plain words for each error code: what it usually means and what to do.
 * Servers such as Ceph send a code with no message, so these words are the
 * only explanation a user gets; keep them specific.
 */
export const ERROR_TEXT: Record<ErrorCode, { message: string; hint: string }> = {
  InvalidRequest: {
    message: 'The request was not valid.',
    hint: 'Check the values you entered; the message names the field that is wrong.',
  },
  UnknownChannel: {
    message: 'The app asked for an operation that does not exist.',
    hint: 'This is a bug in Pail; please report it with what you were doing.',
  },
  UntrustedSender: {
    message: 'A request came from a page that Pail does not trust, so it was refused.',
    hint: 'Use Pail only from its own window, or from the URL it printed at start-up.',
  },
  Internal: {
    message: 'Something went wrong inside Pail.',
    hint: 'Try again; if it keeps happening, report it with the steps that led to it.',
  },
  ProfileNotFound: {
    message: 'That profile does not exist.',
    hint: 'It may have been deleted; pick another profile or add it again.',
  },
  ProfileNameTaken: {
    message: 'A profile with that name already exists.',
    hint: 'Choose another name, or edit the existing profile.',
  },
  SecretMissing: {
    message: 'The secret access key for this profile is missing from the secret store.',
    hint: 'Edit the profile and enter its secret access key again.',
  },
  SecretStoreUnavailable: {
    message: 'The secret store could not be read or written.',
    hint: 'Unlock your system keychain, or check that the data folder is writable.',
  },
  DataFolderUnwritable: {
    message: 'Pail could not write to its data folder.',
    hint: 'Check the folder permissions, or set PAIL_HOME to a folder you can write to.',
  },
  EndpointUnreachable: {
    message: 'The endpoint could not be reached.',
    hint: 'Check the endpoint URL (scheme, host and port) and your network connection; a firewall or VPN may block it.',
  },
  EndpointNotFound: {
    message: "The endpoint's host name could not be resolved (DNS).",
    hint: "Check the spelling of the endpoint's host name; for a provider preset, check the region.",
  },
  TlsError: {
    message: 'A secure (TLS) connection to the endpoint failed.',
    hint: 'Check that the endpoint uses https on that port, and that its certificate is valid for the host name. Bucket names with dots break virtual-host TLS: use path style.',
  },
  Timeout: {
    message: 'The server is not answering.',
    hint: 'Check that the endpoint is up and reachable from this computer (a firewall, VPN or proxy may hold the connection open), then retry. If the server is only slow, raise the response timeout in the profile.',
  },
  Cancelled: {
    message: 'Stopped before the server answered.',
    hint: 'Nothing more was asked of the server; retry when you want it.',
  },
  RequestTimeTooSkewed: {
    message: "The server refused the request because this computer's clock differs from the server's by more than 15 minutes.",
    hint: "Set this computer's clock automatically (NTP) and try again.",
  },
  InvalidAccessKeyId: {
    message: 'This access key is not known to this server.',
    hint: 'Keys belong to one provider: an AWS key does not work on Linode, Wasabi or others, and some providers scope keys to one region. Check the endpoint and the access key id.',
  },
  SignatureDoesNotMatch: {
    message: 'The server could not verify the request signature.',
    hint: 'Usually the secret access key is wrong: enter it again. Otherwise a proxy or custom domain changed the Host or another signed header, or the region is wrong.',
  },
  AuthorizationHeaderMalformed: {
    message: 'The request was signed for the wrong region.',
    hint: 'Set the profile region to the one the server expects.',
  },
  PermanentRedirect: {
    message: 'This bucket lives in another region or on another endpoint.',
    hint: "Set the profile's region (or endpoint) to the bucket's region.",
  },
  AccessDenied: {
    message: 'Access denied: these credentials are not allowed to do this.',
    hint: "Check the key's permissions with your provider. Keys scoped to one bucket cannot list buckets: open the bucket by name.",
  },
  ExpiredToken: {
    message: 'The temporary credentials have expired.',
    hint: 'Get new credentials and update the profile.',
  },
  NoSuchBucket: {
    message: 'The bucket does not exist.',
    hint: 'Check the bucket name and the endpoint; it may have been deleted.',
  },
  NoSuchKey: {
    message: 'The object does not exist.',
    hint: 'It may have been moved or deleted; refresh the folder.',
  },
  InvalidBucketName: {
    message: 'The bucket name is not valid.',
    hint: 'Use 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  },
  BucketAlreadyExists: {
    message: 'A bucket with that name already exists.',
    hint: 'Bucket names are shared by all users of a provider: choose another name.',
  },
  BucketAlreadyOwnedByYou: {
    message: 'You already own a bucket with that name.',
    hint: 'Open the existing bucket, or choose another name.',
  },
  InvalidLocationConstraint: {
    message: 'The server does not accept this region for a new bucket.',
    hint: 'Set the profile\'s region to the one the provider expects (on Ceph, the zonegroup name; often "default").',
  },
  AccessControlListNotSupported: {
    message: 'This bucket does not allow ACLs (its Object Ownership is "bucket owner enforced").',
    hint: "Share with a presigned link, or grant access with a bucket policy in the provider's console.",
  },
  EntityTooLarge: {
    message: 'The object is larger than the server accepts in one request.',
    hint: 'Files over 5 GiB must be uploaded in parts (multipart); some providers set a lower limit.',
  },
  QuotaExceeded: {
    message: 'The account or bucket has reached its storage quota.',
    hint: 'Delete data you no longer need, or raise the quota with your provider.',
  },
  BucketNotEmpty: {
    message: 'The bucket is not empty.',
    hint: 'Delete its objects first.',
  },
  SlowDown: {
    message: 'The server asked Pail to slow down (too many requests).',
    hint: 'Wait a moment and try again, or lower the number of parallel transfers.',
  },
  NotImplemented: {
    message: 'The server does not support this operation or one of its headers.',
    hint: 'Often a checksum header newer SDKs send (x-amz-checksum-crc32): set the checksum mode to "only when required" in the profile\'s compatibility settings.',
  },
  InvalidArgument: {
    message: 'The server rejected a header or parameter of the request.',
    hint: 'Often an unsupported checksum header: set the checksum mode to "only when required" in the profile\'s compatibility settings.',
  },
  XAmzContentSHA256Mismatch: {
    message: 'The server computed a different payload hash than the request declared.',
    hint: 'The server does not understand the chunked checksum upload newer SDKs use: set the checksum mode to "only when required".',
  },
  MissingContentLength: {
    message: 'The server needs the request size up front (Content-Length) and did not get it.',
    hint: 'Streamed uploads with checksums have no length: set the checksum mode to "only when required".',
  },
  MissingContentMD5: {
    message: 'The server demands a Content-MD5 header on this request.',
    hint: 'Turn on "Content-MD5 on batch deletes" in the profile\'s compatibility settings.',
  },
  S3Error: {
    message: 'The server returned an error.',
    hint: 'The error code names the cause; check the profile settings and try again.',
  },
  DataFileDamaged: {
    message: 'A file in Pail’s data folder is damaged, so Pail left it as it is and did not write over it.',
    hint: 'Run "pail profile restore-backup" to go back to the last good version (the damaged file is kept beside it), or fix the file named in the message by hand.',
  },
  SecretDamaged: {
    message: 'The stored secret of this profile is damaged and cannot be used.',
    hint: 'Edit the profile and enter its secret access key again.',
  },
  NothingToRestore: {
    message: 'There is nothing to restore: the data files are not damaged, or no backup of them exists.',
    hint: 'To go back to the previous version anyway, copy the .bak file over the file by hand.',
  },
  DataFileUnreadable: {
    message: 'Pail could not read a file in its data folder.',
    hint: 'Check that the file and its folder belong to you and can be read; Pail did not change it.',
  },
  InvalidStorageClass: {
    message: 'The server does not offer that storage class.',
    hint: "Choose a storage class the provider lists (STANDARD is offered everywhere), or leave it unset for the bucket's default.",
  },
  EditConflict: {
    message: 'The object changed on the server after it was opened.',
    hint: 'Copy your text, reopen the object to see the other change, and save again; or overwrite it with yours.',
  },
  EncryptionRefused: {
    message: 'The server refused the encryption the upload asked for.',
    hint: 'Upload over HTTPS (servers take encryption headers only there), name a KMS key the account may use, or upload without encryption and rely on the bucket’s default.',
  },
  NoSuchUpload: {
    message: 'That multipart upload is not there: it was completed or aborted.',
    hint: 'List the unfinished uploads again to see the ones left.',
  },
  UntrustedCertificate: {
    message: "The server's certificate is issued by an authority this computer does not trust.",
    hint: "If you trust this server (your own gateway, a company CA), give the profile that authority's certificate as its CA bundle (a PEM file; pail profile edit NAME --ca-bundle FILE). Otherwise the server sends an incomplete certificate chain.",
  },
  EndpointNotS3: {
    message: 'The endpoint answered with a web page, not with S3: it is a website, a CDN or a custom domain.',
    hint: "The endpoint must be the provider's S3 host, as its console shows it. Custom domains are for links: Bucket settings → Custom domain.",
  },
  ProxyRefused: {
    message: 'The proxy would not connect Pail to the server.',
    hint: "Check the proxy's address and credentials in the profile's proxy settings, or set the profile's proxy to None to connect directly.",
  },
};
