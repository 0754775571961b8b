// The HMS dictionary explains every alert the simulator raises (asked over HTTP for every device of
// every accessible project, and every code of its catalogue), in both languages; unknown codes get no
// explanation; levels read as notice / caution / warning, warnings first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HMS_CATALOG } from '../../../../src/simulator/world/catalog';
import { withSimulator, type SimSetup } from '../../../helpers/sim';
import { hostModule } from '../../../helpers/vscodeShim';

const root = join(__dirname, '..', '..', '..', '..', '..');
const words = hostModule<typeof import('../../../../src/features/devices/stateWords')>(
  'features/devices/stateWords',
);
const dictionary = hostModule<typeof import('../../../../src/features/devices/hmsDictionary')>(
  'features/devices/hmsDictionary',
);

let s: SimSetup;
before(async () => {
  s = await withSimulator();
});
after(async () => {
  await s?.close();
});

describe('HMS dictionary', () => {
  it('explains every code of the simulator catalogue, whatever its case', () => {
    for (const spec of Object.values(HMS_CATALOG)) {
      const e = dictionary.explainHms(spec.code);
      assert.ok(e, `no explanation for ${spec.code}`);
      assert.deepEqual(dictionary.explainHms(spec.code.toLowerCase()), e);
      assert.ok(e.explanation.length > 10 && e.remedy.length > 10);
    }
  });

  it('explains every alert the simulator serves, and has them in Simplified Chinese', async () => {
    const world = s.sim.world.describe();
    const accessible = new Set(world.projects.filter((p) => p.accessible).map((p) => p.uuid));
    const docks = world.docks.filter((d) => accessible.has(d.projectUuid));
    const alerts = [];
    for (const d of docks) {
      const { list } = await s.client.project(d.projectUuid).devices.hms([d.sn, d.aircraftSn]);
      alerts.push(...list.flatMap((e) => e.device_hms?.list ?? []));
    }
    assert.ok(alerts.length >= 3, `only ${alerts.length} alerts served`);
    const views = words.hmsAlertsView(alerts);
    assert.deepEqual(
      views.filter((v) => v.explanation === null).map((v) => v.code),
      [],
    );
    const zh = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<
      string,
      string
    >;
    for (const v of views) {
      assert.ok(zh[v.explanation ?? ''], `no zh-cn for "${v.explanation}"`);
      assert.ok(zh[v.remedy ?? ''], `no zh-cn for "${v.remedy}"`);
      assert.ok(zh[v.levelLabel], `no zh-cn for "${v.levelLabel}"`);
    }
  });

  it('shows an unknown code as sent, with no explanation', () => {
    const [view] = words.hmsAlertsView([
      { code: '0x99999999', level: 'warning', module: 'gimbal_x', message: 'x' },
    ]);
    assert.equal(view?.code, '0x99999999');
    assert.equal(view?.explanation, null);
    assert.equal(view?.remedy, null);
    assert.equal(view?.module, 'gimbal_x');
  });

  it('reads levels as notice / caution / warning and lists warnings first, newest first', () => {
    assert.equal(dictionary.hmsLevel('notification'), 'notice');
    assert.equal(dictionary.hmsLevel('reminder'), 'caution');
    assert.equal(dictionary.hmsLevel(2), 'warning');
    assert.equal(dictionary.hmsLevel('severe'), 'unknown');
    const views = words.hmsAlertsView([
      { code: '0x19110002', level: 'notification', begin_time: 30 },
      { code: '0x16100083', level: 'warning', begin_time: 10 },
      { code: '0x1B030012', level: 'warning', begin_time: 20, module: 'dock' },
      { code: '0x1B0100A0', level: 'reminder', begin_time: 40 },
    ]);
    assert.deepEqual(
      views.map((v) => [v.levelLabel, v.code]),
      [
        ['Warning', '0x1B030012'],
        ['Warning', '0x16100083'],
        ['Caution', '0x1B0100A0'],
        ['Notice', '0x19110002'],
      ],
    );
    assert.equal(views[0]?.module, 'Dock');
    assert.equal(views[0]?.since, 20_000);
  });
});
