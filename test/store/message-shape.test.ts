import { describe, expect, it } from 'vitest';
import { createCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { messageShape } from '../../src/store/message-shape.js';
import { stdinOf } from '../helpers/analyze.js';

describe('message shapes (lnav): variable parts replaced by #', () => {
  it('keeps constant text and replaces ports, addresses, numbers, quoted values and flag values', () => {
    expect(messageShape('Unable to contact k8s api-server')).toBe('Unable to contact k8s api-server');
    expect(messageShape('Adding new proxy port rules for cilium-dns-egress:38537')).toBe('Adding new proxy port rules for cilium-dns-egress:#');
    expect(messageShape('Restored 14 of 15 endpoints from 10.0.7.0/24')).toBe('Restored # of # endpoints from #');
    expect(messageShape(`  --devices='eth1'`)).toBe(`  --#='#'`);
    expect(messageShape('Endpoint "web-5d8f" regenerated in 0x1f')).toBe('Endpoint "#" regenerated in #');
  });

  it('are stored per log line and per unparsed line, so GROUP BY shape groups one kind', async () => {
    const db = createCaseDb();
    await loadInputs(
      db,
      ['-'],
      stdinOf(
        [
          'level=info msg="Allocated 3 addresses from 10.1.2.0/26" subsys=ipam',
          'level=info msg="Allocated 12 addresses from 10.1.9.0/26" subsys=ipam',
          'zx8 qq 41 ~~',
          'zx8 qq 977 ~~',
        ].join('\n'),
      ),
    );
    const logShapes = db.prepare('SELECT DISTINCT s.shape FROM log_events e JOIN shapes s ON s.id = e.shape_id').pluck().all();
    expect(logShapes).toEqual(['Allocated # addresses from #']);
    const unparsedShapes = db.prepare('SELECT DISTINCT s.shape FROM unparsed u JOIN shapes s ON s.id = u.shape_id').pluck().all();
    expect(unparsedShapes).toEqual(['zx8 qq # ~~']);
    db.close();
  });
});
