import { parseCommand } from '../../src/teams/routing/commands';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import {
  APP_DIR,
  DEV_DUMMY_GUID,
  availableManifestVersions,
  escapeLoneBrackets,
  loadAppPackage,
  packageApp,
  validateAppPackage,
  type AppPackageContents,
} from '../../scripts/package-app';
import { decodePng, encodePng, readPngHeader, type RgbaImage } from '../../scripts/lib/png';
import { renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';

const REAL_IDS = {
  TEAMS_APP_ID: '6e0c8a41-4b7e-4f0a-9d2a-2f1c3b4d5e6f',
  MICROSOFT_APP_ID: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  PUBLIC_URL: 'https://bot.gemeente-voorbeeld.nl/',
};

/** The real appPackage/, filled in dev mode with an empty environment. */
function devPackage(): AppPackageContents {
  const loaded = loadAppPackage({ dev: true, env: {} });
  expect(loaded.errors).toEqual([]);
  return loaded.pkg!;
}

type Json = Record<string, any>;

function withManifest(pkg: AppPackageContents, edit: (m: Json) => void): AppPackageContents {
  const manifest = structuredClone(pkg.manifest) as Json;
  edit(manifest);
  return { manifest, files: new Map(pkg.files) };
}

function withFile(pkg: AppPackageContents, name: string, content: Buffer): AppPackageContents {
  const files = new Map(pkg.files);
  files.set(name, content);
  return { manifest: pkg.manifest, files };
}

function solid(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(rgba, i * 4);
  return { width, height, data };
}

describe('Teams app package', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'app-package-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  describe('the real manifest', () => {
    it('uses the newest Teams schema shipped in @microsoft/app-manifest, and at least 1.22', () => {
      const manifest = JSON.parse(readFileSync(path.join(APP_DIR, 'manifest.json'), 'utf8')) as Json;
      const versions = availableManifestVersions();
      expect(manifest.manifestVersion).toBe(versions[versions.length - 1]);
      expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(22);
      expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
    });

    it('passes validation in dev mode', async () => {
      const report = await validateAppPackage(devPackage());
      expect(report.errors).toEqual([]);
    });

    it('fills the dummy GUID in dev mode and the real ids otherwise', () => {
      const dev = devPackage().manifest as Json;
      expect(dev.id).toBe(DEV_DUMMY_GUID);
      expect(dev.bots[0].botId).toBe(DEV_DUMMY_GUID);

      const real = loadAppPackage({ env: REAL_IDS });
      expect(real.errors).toEqual([]);
      const m = real.pkg!.manifest as Json;
      expect(m.id).toBe(REAL_IDS.TEAMS_APP_ID);
      expect(m.bots[0].botId).toBe(REAL_IDS.MICROSOFT_APP_ID);
      expect(m.developer.privacyUrl).toBe('https://bot.gemeente-voorbeeld.nl/privacy');
      expect(m.validDomains).toEqual(['bot.gemeente-voorbeeld.nl']);
    });

    it('names the missing environment variables outside dev mode', async () => {
      const result = await packageApp({ env: {}, outFile: path.join(tmp, 'never.zip') });
      expect(result.ok).toBe(false);
      expect(result.errors.join('\n')).toMatch(/TEAMS_APP_ID is not set/);
      expect(result.errors.join('\n')).toMatch(/MICROSOFT_APP_ID is not set/);
    });

    it('rejects a PUBLIC_URL that is not https', () => {
      const loaded = loadAppPackage({ env: { ...REAL_IDS, PUBLIC_URL: 'http://bot.example.org' } });
      expect(loaded.errors).toEqual([expect.stringMatching(/PUBLIC_URL must start with https/)]);
    });

    it('declares the bot as the brief asks', () => {
      const m = devPackage().manifest as Json;
      expect(m.localizationInfo.defaultLanguageTag).toBe('nl');
      expect(m.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en', file: 'en.json' }]);
      expect(m.name).toEqual({ short: 'Sociale Basis', full: 'Gespreksmodel Sociale Basis' });
      expect(m.description.short.length).toBeLessThanOrEqual(80);
      expect(m.permissions).toEqual(['identity', 'messageTeamMembers']);
      expect(m.webApplicationInfo).toBeUndefined();
      const bot = m.bots[0];
      expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
      expect(bot.supportsFiles).toBe(false);
      expect(bot.isNotificationOnly).toBe(false);
      const scopes = bot.commandLists.flatMap((l: Json) => l.scopes).sort();
      expect(scopes).toEqual(['groupChat', 'personal', 'team']);
      // Teams shows these as suggestions: each must be a command the bot understands as typed
      // (placeholders such as "Naam" or "code" filled in), and a table's core commands are there.
      const understood = (title: string) => {
        const typed = title.replace(/\bNaam\b/, 'Piet').replace(/\bcode\b/, 'KX7-M4P');
        return parseCommand(typed) !== undefined;
      };
      for (const scope of ['team', 'groupChat']) {
        const titles: string[] = bot.commandLists.find((l: Json) => l.scopes.includes(scope)).commands.map((c: Json) => c.title);
        expect(titles.filter((t) => !understood(t))).toEqual([]);
        expect(titles).toEqual(expect.arrayContaining(['start', 'help', 'status', 'volgende', 'onthul', 'stop']));
      }
      const team: string[] = bot.commandLists.find((l: Json) => l.scopes.includes('team')).commands.map((c: Json) => c.title);
      expect(team).toEqual(expect.arrayContaining(['sessie nieuw', 'totaalbeeld', 'sessie wis']));
    });
  });

  describe('a broken manifest fails', () => {
    it('manifestVersion of the wrong type', async () => {
      const report = await validateAppPackage(withManifest(devPackage(), (m) => (m.manifestVersion = 1.3)));
      expect(report.errors.join('\n')).toMatch(/manifestVersion must be a string/);
      expect(report.errors.join('\n')).toMatch(/schema: \/manifestVersion must be string/);
    });

    it('a manifestVersion older than 1.22', async () => {
      const report = await validateAppPackage(withManifest(devPackage(), (m) => (m.manifestVersion = '1.17')));
      expect(report.errors.join('\n')).toMatch(/older than 1\.22/);
    });

    it('a missing bot id', async () => {
      const report = await validateAppPackage(withManifest(devPackage(), (m) => delete m.bots[0].botId));
      expect(report.errors.join('\n')).toMatch(/\/bots\/0 must have required property 'botId'/);
    });

    it('a command title over the 32-character limit', async () => {
      const title = 'gespreksleiding overdragen aan @naam'; // 36 characters
      const report = await validateAppPackage(withManifest(devPackage(), (m) => (m.bots[0].commandLists[0].commands[6].title = title)));
      expect(report.errors.join('\n')).toMatch(/commands\[6\]\.title .* has 36 characters; keep command titles to 32/);
    });

    it('a command title over the schema limit of 128', async () => {
      const report = await validateAppPackage(
        withManifest(devPackage(), (m) => (m.bots[0].commandLists[1].commands[0].title = 'x'.repeat(129))),
      );
      expect(report.errors.join('\n')).toMatch(
        /schema: \/bots\/0\/commandLists\/1\/commands\/0\/title must NOT have more than 128 characters/,
      );
    });

    it('more than 10 commands in a list', async () => {
      const report = await validateAppPackage(
        withManifest(devPackage(), (m) => {
          const cmds = m.bots[0].commandLists[0].commands;
          for (let i = 0; cmds.length < 11; i++) cmds.push({ title: `extra ${i}`, description: 'extra' });
        }),
      );
      expect(report.errors.join('\n')).toMatch(/has 11 commands; keep to 10 per list/);
    });

    it('an unknown property', async () => {
      const report = await validateAppPackage(withManifest(devPackage(), (m) => (m.bots[0].supportsFile = false)));
      expect(report.errors.join('\n')).toMatch(/must NOT have additional properties/);
    });

    it('a placeholder left unfilled', async () => {
      const report = await validateAppPackage(withManifest(devPackage(), (m) => (m.id = '${{TEAMS_APP_ID}}')));
      expect(report.errors.join('\n')).toMatch(/placeholders left unfilled: \$\{\{TEAMS_APP_ID\}\}/);
    });

    it('a localization file that breaks its schema or translates a command that does not exist', async () => {
      const pkg = devPackage();
      const en = JSON.parse(pkg.files.get('en.json')!.toString('utf8')) as Json;
      en['description.short'] = 'x'.repeat(81);
      en['bots[0].commandLists[2].commands[5].title'] = 'ghost';
      delete en['name.short'];
      const report = await validateAppPackage(withFile(pkg, 'en.json', Buffer.from(JSON.stringify(en))));
      const text = report.errors.join('\n');
      expect(text).toMatch(/en\.json: schema: \/description\.short must NOT have more than 80 characters/);
      expect(text).toMatch(/en\.json: schema: \(root\) must have required property 'name\.short'/);
      expect(text).toMatch(
        /en\.json: 'bots\[0\]\.commandLists\[2\]\.commands\[5\]\.title' translates a command that manifest\.json does not have/,
      );
    });

    it('a missing localization file', async () => {
      const pkg = devPackage();
      const files = new Map(pkg.files);
      files.delete('en.json');
      const report = await validateAppPackage({ manifest: pkg.manifest, files });
      expect(report.errors.join('\n')).toMatch(/en\.json: file is missing/);
    });
  });

  describe('icons', () => {
    it('the committed icons have the right size, and outline.png is white on transparent', () => {
      const color = readFileSync(path.join(APP_DIR, 'color.png'));
      const outline = readFileSync(path.join(APP_DIR, 'outline.png'));
      expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
      expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32 });
      const pixels = decodePng(outline).data;
      let visible = 0;
      const coloured: number[] = [];
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] === 0) continue;
        visible++;
        if (pixels[i] !== 255 || pixels[i + 1] !== 255 || pixels[i + 2] !== 255) coloured.push(i / 4);
      }
      expect(coloured).toEqual([]);
      expect(visible).toBeGreaterThan(50);
      // Opaque, full-colour background.
      const c = decodePng(color).data;
      const seeThrough = c.filter((_, i) => i % 4 === 3).some((a) => a !== 255);
      expect(seeThrough).toBe(false);
    });

    it('the committed icons are what scripts/make-icons.ts draws', () => {
      // Compared as buffers: Jest's deep equality is slow on 150k-element arrays.
      const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
      expect(same(decodePng(readFileSync(path.join(APP_DIR, 'color.png'))).data, renderColorIcon().data)).toBe(true);
      expect(same(decodePng(readFileSync(path.join(APP_DIR, 'outline.png'))).data, renderOutlineIcon().data)).toBe(true);
    });

    it('fails for a 100x100 colour icon', async () => {
      const pkg = withFile(devPackage(), 'color.png', encodePng(solid(100, 100, [21, 66, 115, 255])));
      const report = await validateAppPackage(pkg);
      expect(report.errors).toContainEqual(expect.stringMatching(/color\.png: the image is 100x100 pixels; icons\.color must be 192x192/));
    });

    it('fails for a 100x100 outline icon too', async () => {
      const pkg = withFile(devPackage(), 'outline.png', encodePng(solid(100, 100, [255, 255, 255, 0])));
      const report = await validateAppPackage(pkg);
      expect(report.errors.join('\n')).toMatch(/outline\.png: the image is 100x100 pixels; icons\.outline must be 32x32/);
    });

    it('fails for an outline icon with one coloured pixel', async () => {
      const image = renderOutlineIcon();
      image.data.set([255, 0, 0, 255], (5 * 32 + 7) * 4);
      const report = await validateAppPackage(withFile(devPackage(), 'outline.png', encodePng(image)));
      expect(report.errors).toEqual([
        expect.stringMatching(
          /outline\.png: .*only have white or fully transparent pixels; 1 pixel\(s\) are coloured, first at \(7, 5\) is rgba\(255, 0, 0, 255\)/,
        ),
      ]);
    });

    it('fails for a file that is not a PNG', async () => {
      const report = await validateAppPackage(withFile(devPackage(), 'color.png', Buffer.from('GIF89a')));
      expect(report.errors.join('\n')).toMatch(/color\.png: not a usable PNG: not a PNG file/);
    });
  });

  describe('the zip', () => {
    it('has the four files at its root and a fully filled manifest', async () => {
      const outFile = path.join(tmp, 'sociale-basis.zip');
      const result = await packageApp({ dev: true, env: {}, outFile });
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);

      const zip = await JSZip.loadAsync(readFileSync(outFile));
      const names = Object.keys(zip.files).sort();
      expect(names).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);

      const manifestText = await zip.file('manifest.json')!.async('string');
      expect(manifestText).not.toContain('${{');
      const manifest = JSON.parse(manifestText) as Json;
      expect(manifest.id).toBe(DEV_DUMMY_GUID);
      expect(await zip.file('en.json')!.async('string')).not.toContain('${{');

      const color = await zip.file('color.png')!.async('nodebuffer');
      expect(color.equals(readFileSync(path.join(APP_DIR, 'color.png')))).toBe(true);
    });

    it('is not written when the package is invalid', async () => {
      const outFile = path.join(tmp, 'invalid.zip');
      const result = await packageApp({ env: {}, outFile });
      expect(result.ok).toBe(false);
      expect(() => readFileSync(outFile)).toThrow();
    });
  });

  describe('helpers', () => {
    it('escapes brackets that the u flag rejects, keeping their meaning', () => {
      const broken = '^activities.activityTypes\\[\\b([0-9]|1[0-9])\\b]\\.description$';
      expect(() => new RegExp(broken, 'u')).toThrow();
      const fixed = escapeLoneBrackets(broken);
      const re = new RegExp(fixed, 'u');
      expect(re.test('activities.activityTypes[12].description')).toBe(true);
      expect(new RegExp(broken).test('activities.activityTypes[12].description')).toBe(true);
      expect(escapeLoneBrackets('^[a-z]{1,8}(-[a-z]{1,8}){0,2}$')).toBe('^[a-z]{1,8}(-[a-z]{1,8}){0,2}$');
    });

    it('the PNG decoder reads what the encoder writes', () => {
      const image = renderOutlineIcon();
      const back = decodePng(encodePng(image));
      expect(back.width).toBe(32);
      expect(Buffer.from(back.data).equals(Buffer.from(image.data))).toBe(true);
    });
  });
});
