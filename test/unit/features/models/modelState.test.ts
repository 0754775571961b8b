import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TASK_STATUSES, TASK_TYPES } from '../../../../src/api/schemas/task';
import {
  checkPhotoFolder,
  FINISHED_TASK_STATUSES,
  isImageHeader,
  isOpenModelActive,
  modelPhase,
  modelsPollDelay,
  openModelPhase,
  photoObjectName,
  storeKey,
  storePrefix,
  type FolderEntry,
} from '../../../../src/features/models/modelState';

const JPEG = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0);
const PNG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47);
const TIFF_LE = Uint8Array.of(0x49, 0x49, 0x2a, 0x00);
const TIFF_BE = Uint8Array.of(0x4d, 0x4d, 0x00, 0x2a);
const TEXT = new TextEncoder().encode('hell');

function photo(name: string, header = JPEG, size = 1000): FolderEntry {
  return { name, isFile: true, size, header };
}
function other(name: string): FolderEntry {
  return { name, isFile: true, size: 10 };
}

describe('model phase', () => {
  it('reads the simulator status, else show_on_map and size', () => {
    assert.equal(modelPhase({ id: 1, name: 'a', status: 'processing', show_on_map: true }), 'building');
    assert.equal(modelPhase({ id: 1, name: 'a', status: 'success' }), 'ready');
    assert.equal(modelPhase({ id: 1, name: 'a', show_on_map: false, size: 0 }), 'building');
    assert.equal(modelPhase({ id: 1, name: 'a', show_on_map: false, size: 12 }), 'ready');
    assert.equal(modelPhase({ id: 1, name: 'a', show_on_map: true }), 'ready');
  });
});

describe('open-modeling status', () => {
  it('maps every documented model_status', () => {
    const phases = [8, 9, 12, 13, 14, 15, 16, 99].map(openModelPhase);
    assert.deepEqual(phases, [
      'failed',
      'succeeded',
      'requesting',
      'failed',
      'reconstructing',
      'succeeded',
      'cancelled',
      'unknown',
    ]);
  });

  it('is active while requesting, reconstructing or zipping', () => {
    assert.equal(isOpenModelActive({ model_status: 12 }), true);
    assert.equal(isOpenModelActive({ model_status: 14, zip_status: 0 }), true);
    assert.equal(isOpenModelActive({ model_status: 15, zip_status: 1 }), true);
    assert.equal(isOpenModelActive({ model_status: 15, zip_status: 2 }), false);
    assert.equal(isOpenModelActive({ model_status: 16 }), false);
  });

  it('polls only while something is being built', () => {
    const ready = { id: 1, name: 'a', status: 'success' };
    const building = { id: 2, name: 'b', status: 'processing' };
    assert.equal(modelsPollDelay([ready], [{ model_status: 9, zip_status: 2 }], 5000), undefined);
    assert.equal(modelsPollDelay([ready, building], [], 5000), 5000);
    assert.equal(modelsPollDelay([ready], [{ model_status: 14 }], 3000), 3000);
  });
});

describe('photo folder check', () => {
  it('accepts JPEG, PNG and TIFF photos, sorted, and lists the other files it ignores', () => {
    const check = checkPhotoFolder([
      photo('c.TIF', TIFF_BE),
      photo('a.jpg'),
      other('notes.txt'),
      photo('b.png', PNG),
      { name: 'sub', isFile: false, size: 0 },
    ]);
    assert.ok(check.ok);
    assert.deepEqual(
      check.photos.map((p) => p.name),
      ['a.jpg', 'b.png', 'c.TIF'],
    );
    assert.deepEqual(check.ignored, ['notes.txt']);
  });

  it('says why a folder cannot be used', () => {
    assert.deepEqual(checkPhotoFolder([]), { ok: false, reason: 'empty' });
    assert.deepEqual(checkPhotoFolder([{ name: 'sub', isFile: false, size: 0 }, other('.DS_Store')]), {
      ok: false,
      reason: 'empty',
    });
    assert.deepEqual(checkPhotoFolder([other('a.txt'), other('b.mp4')]), {
      ok: false,
      reason: 'noPhotos',
      others: 2,
    });
    assert.deepEqual(checkPhotoFolder([photo('a.jpg'), photo('b.jpeg')]), {
      ok: false,
      reason: 'tooFew',
      count: 2,
      min: 3,
    });
    assert.deepEqual(checkPhotoFolder([photo('a.jpg'), photo('b.jpg', TEXT), photo('c.jpg', JPEG, 0)]), {
      ok: false,
      reason: 'notImage',
      names: ['b.jpg', 'c.jpg'],
    });
  });

  it('knows the image signatures', () => {
    for (const header of [JPEG, PNG, TIFF_LE, TIFF_BE]) assert.equal(isImageHeader(header), true);
    assert.equal(isImageHeader(TEXT), false);
    assert.equal(isImageHeader(new Uint8Array(0)), false);
  });
});

describe('object keys', () => {
  it('fills store_path and renames unsafe file names', () => {
    assert.equal(storeKey('p/open_model/b1/{fileName}', 'DJI_0001.JPG'), 'p/open_model/b1/DJI_0001.JPG');
    assert.equal(storeKey('p/open_model/b1/', 'x.jpg'), 'p/open_model/b1/x.jpg');
    assert.equal(storePrefix('p/open_model/b1/{fileName}'), 'p/open_model/b1');
    assert.equal(photoObjectName('DJI_0001.JPG', 0), 'DJI_0001.JPG');
    assert.equal(photoObjectName('航拍 1.JPG', 4), 'photo-0005.jpg');
    assert.equal(photoObjectName('a b', 0), 'photo-0001.jpg');
  });
});

describe('Flight Tasks context menu', () => {
  it('offers "Reconstruct Model from Task Media" on exactly the finished tasks', () => {
    const manifest = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'package.json'), 'utf8'),
    ) as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    };
    const entries = (manifest.contributes.menus['view/item/context'] ?? []).filter(
      (m) => m.command === 'flighthub.createModelFromTask',
    );
    assert.equal(entries.length, 1);
    const when = entries[0]?.when ?? '';
    assert.match(when, /view == flighthub\.tasks/);
    const pattern = /viewItem =~ \/(.+)\/$/.exec(when)?.[1];
    assert.ok(pattern, when);
    const re = new RegExp(pattern);
    for (const type of TASK_TYPES)
      for (const status of TASK_STATUSES)
        assert.equal(
          re.test(`task.${type}.${status}`),
          (FINISHED_TASK_STATUSES as readonly string[]).includes(status),
          `${type} ${status}`,
        );
  });
});
