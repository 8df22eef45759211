import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configSchema, parseConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

/** Every .ts file under a repository folder. */
function tsFiles(dir: string): string[] {
  const root = new URL(`../${dir}/`, import.meta.url);
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${dir}/${name}`);
}

describe('config', () => {
  it('is the only reader of process.env in the product, its scripts, benches and evals', () => {
    const readers = ['src', 'commands', 'digests', 'scripts', 'bench', 'eval']
      .flatMap(tsFiles)
      .filter((file) => /process\.env\b/.test(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')));
    expect(readers).toEqual(['src/config.ts']);
  });

  it('.env.example documents exactly the variables the schema reads', () => {
    const documented = Object.keys(
      parseEnv(readFileSync(new URL('../.env.example', import.meta.url), 'utf8')),
    ).sort();
    expect(documented).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('.env.example itself is a valid configuration', () => {
    const example = parseEnv(readFileSync(new URL('../.env.example', import.meta.url), 'utf8')) as Record<
      string,
      string
    >;
    expect(() => parseConfig(example)).not.toThrow();
  });

  it('given no variables, uses the embedded SQLite store and private networks stay closed', () => {
    const config = parseConfig({});
    expect(config.STORE_URL).toBe('sqlite://./data/policywire.sqlite');
    expect(config.ALLOW_PRIVATE_NETWORKS).toBe(false);
    expect(config.PORT).toBe(3000);
  });

  it('given a malformed STORE_URL, names the variable, what it expects and what it got', () => {
    expect(() => parseConfig({ STORE_URL: 'mysql://db' })).toThrow(ConfigError);
    expect(() => parseConfig({ STORE_URL: 'mysql://db' })).toThrow(
      /STORE_URL: expected a URL starting with sqlite:\/\/.*got "mysql:\/\/db"/,
    );
  });

  it.each([
    ['a missing colon', 'postgresql//policy:hunter2-pw@db.internal/pw', 'postgresql//***@db.internal/pw'],
    ['an unknown scheme', 'mysql://policy:hunter2-pw@db.internal/pw', 'mysql://***@db.internal/pw'],
    ['no scheme at all', 'policy:hunter2-pw@db.internal', '***@db.internal'],
    ['a slash in the password', 'mysql://policy:hunter2/pw@db.internal', 'mysql://***@db.internal'],
  ])('given a malformed STORE_URL with %s, hides the user and password it got', (_what, url, shown) => {
    let message = '';
    try {
      parseConfig({ STORE_URL: url });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`got "${shown}"`);
    expect(message).not.toContain('hunter2');
  });

  it('given a non-numeric PORT and a bad boolean, reports both', () => {
    let message = '';
    try {
      parseConfig({ PORT: 'eighty', ALLOW_PRIVATE_NETWORKS: 'perhaps' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT: expected a whole number from 0 to 65535; got "eighty"/);
    expect(message).toMatch(/ALLOW_PRIVATE_NETWORKS: expected true or false; got "perhaps"/);
  });

  it('never echoes a secret value in an error', () => {
    try {
      parseConfig({ SLACK_API_URL: 'not a url', SLACK_BOT_TOKEN: 'xoxb-secret-value' });
    } catch (error) {
      expect((error as Error).message).not.toContain('xoxb-secret-value');
    }
    expect(parseConfig({ ADMIN_USER_IDS: 'U1, U2 ,' }).ADMIN_USER_IDS).toEqual(['U1', 'U2']);
  });
});
