import type { AppServices } from '../app-services';
import type { ProfileService } from '../services/profile-service';
import { unverifiedWarning } from './certificate-commands';
import type { CliIo } from './cli-kit';

/**
 * The services a CLI run gets: the same, except that looking up a profile
 * that does not verify certificates says so on stderr, once per profile and
 * run, whichever command looked it up.
 */
export function withUnverifiedWarnings(services: AppServices, io: CliIo): AppServices {
  const warned = new Set<string>();
  const original = services.profiles;
  const find: ProfileService['find'] = async (key) => {
    const profile = await original.find(key);
    const warning = unverifiedWarning(profile);
    if (warning && !warned.has(profile.id)) {
      warned.add(profile.id);
      io.stderr.write(warning);
    }
    return profile;
  };
  // Every other member is the service's own, bound to it, so its state stays in one place.
  const profiles = new Proxy(original, {
    get(target, property) {
      if (property === 'find') return find;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...services, profiles };
}
