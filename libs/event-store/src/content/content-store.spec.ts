import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentStore } from './content-store';
import { verifyContent } from './verify-content';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-content-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const INVOICE = Buffer.from('%PDF-1.7 factuur 2024-118');
const HASH = ContentStore.hashOf(INVOICE);

describe('content store', () => {
  it('keeps committed bytes under their SHA-256, in a folder named by its first two digits', async () => {
    const store = await ContentStore.open(dir);
    const staged = await store.stage(INVOICE);
    expect(staged).toMatchObject({ contentHash: HASH, sizeBytes: INVOICE.length });
    expect(existsSync(join(dir, HASH.slice(0, 2), HASH.slice(2)))).toBe(false);
    await staged.commit();
    expect(readFileSync(join(dir, HASH.slice(0, 2), HASH.slice(2)))).toEqual(INVOICE);
    expect(await store.read(HASH)).toEqual(INVOICE);
    expect(readdirSync(join(dir, '.staging'))).toEqual([]);
  });

  it('keeps nothing of bytes staged and discarded', async () => {
    const store = await ContentStore.open(dir);
    await (await store.stage(INVOICE)).discard();
    expect(await store.read(HASH)).toBeUndefined();
    expect(readdirSync(join(dir, '.staging'))).toEqual([]);
  });

  it('keeps the same bytes committed twice once', async () => {
    const store = await ContentStore.open(dir);
    await (await store.stage(INVOICE)).commit();
    await (await store.stage(INVOICE)).commit();
    expect(readdirSync(join(dir, HASH.slice(0, 2)))).toEqual([HASH.slice(2)]);
  });

  it('tells an intact file from a missing and an altered one, naming what the altered bytes hash to', async () => {
    const store = await ContentStore.open(dir);
    await (await store.stage(INVOICE)).commit();
    expect(await store.check(HASH)).toEqual({ kind: 'intact' });
    expect(await store.check('0'.repeat(64))).toEqual({ kind: 'missing' });
    const altered = Buffer.from('%PDF-1.7 factuur 2024-119');
    writeFileSync(store.pathOf(HASH), altered);
    expect(await store.check(HASH)).toEqual({ kind: 'altered', actualHash: ContentStore.hashOf(altered) });
  });

  it('on opening, moves a whole staged file into place (a crash after its fact was recorded) and removes a torn one', async () => {
    const torn = Buffer.from('%PDF-1.7 half');
    writeFileSync(join((await ContentStore.open(dir)).dir, '.staging', `${HASH}.aaaa`), INVOICE);
    writeFileSync(join(dir, '.staging', `${ContentStore.hashOf(Buffer.from('%PDF-1.7 half geschreven'))}.bbbb`), torn);
    const reopened = await ContentStore.open(dir);
    expect(await reopened.read(HASH)).toEqual(INVOICE);
    expect(readdirSync(join(dir, '.staging'))).toEqual([]);
  });

  it('refuses a name that is no SHA-256', async () => {
    const store = await ContentStore.open(dir);
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
  });
});

describe('verifying content', () => {
  it('names every file a fact names that is missing or altered, checking each file once', async () => {
    const store = await ContentStore.open(dir);
    const other = Buffer.from('betaalopdracht');
    await (await store.stage(INVOICE)).commit();
    await (await store.stage(other)).commit();
    writeFileSync(store.pathOf(ContentStore.hashOf(other)), 'betaalopdracht!');
    const report = await verifyContent(store, [
      { id: 'factuur', contentHash: HASH },
      { id: 'factuur-kopie', contentHash: HASH },
      { id: 'betaalopdracht', contentHash: ContentStore.hashOf(other) },
      { id: 'kwijt', contentHash: 'f'.repeat(64) },
    ]);
    expect(report).toEqual({
      ok: false,
      checked: 3,
      failures: [
        { id: 'betaalopdracht', contentHash: ContentStore.hashOf(other), problem: 'altered', actualHash: ContentStore.hashOf(Buffer.from('betaalopdracht!')) },
        { id: 'kwijt', contentHash: 'f'.repeat(64), problem: 'missing' },
      ],
    });
  });

  it('is ok when every file is whole', async () => {
    const store = await ContentStore.open(dir);
    await (await store.stage(INVOICE)).commit();
    expect(await verifyContent(store, [{ id: 'factuur', contentHash: HASH }])).toEqual({ ok: true, checked: 1, failures: [] });
  });
});
