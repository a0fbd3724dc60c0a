import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { parseAwsProfiles, parseRcloneRemotes } from './profile-import-parsers';
const d = '/work/main/electron/services/__fixtures__/import/';
it('x', () => {
  console.log(JSON.stringify(parseAwsProfiles(readFileSync(d + 'aws/credentials', 'utf8'), readFileSync(d + 'aws/config', 'utf8')).map(({secretAccessKey, ...r}) => ({...r, s: !!secretAccessKey})), null, 1));
  console.log(JSON.stringify(parseRcloneRemotes(readFileSync(d + 'rclone.conf', 'utf8')).map(({secretAccessKey, ...r}) => ({...r, s: !!secretAccessKey})), null, 1));
});
