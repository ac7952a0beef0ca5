import { describe, expect, it } from 'vitest';
import { cleanLine, unwrapLine } from '../../src/ingest/index.js';

const APP = 'level=info msg="Daemon initialization completed" bootstrapTime=6.873526187s subsys=daemon';

describe('unwrapLine: collector layers around an app line (agent-log.md §1)', () => {
  it('leaves a bare app line alone, with no context', () => {
    expect(unwrapLine(APP)).toEqual({ text: APP, context: {} });
  });

  it('kubectl --prefix: pod and container become line context', () => {
    const u = unwrapLine(`[pod/cilium-5kq2p/cilium-agent] ${APP}`);
    expect(u.text).toBe(APP);
    expect(u.context).toEqual({ pod: 'cilium-5kq2p', container: 'cilium-agent' });
  });

  it('kubectl --timestamps: the fixed-width runtime timestamp becomes context time', () => {
    const u = unwrapLine(`2023-11-20T09:14:02.118730512Z ${APP}`);
    expect(u.text).toBe(APP);
    expect(u.context).toEqual({ time: '2023-11-20T09:14:02.118730512Z' });
  });

  it('a runtime timestamp with a numeric zone offset', () => {
    const u = unwrapLine(`2023-11-20T10:14:02.118730512+01:00 ${APP}`);
    expect(u.text).toBe(APP);
    expect(u.context.time).toBe('2023-11-20T10:14:02.118730512+01:00');
  });

  it('--prefix and --timestamps together: prefix first, then timestamp', () => {
    const u = unwrapLine(`[pod/cilium-9fz2x/cilium-agent] 2023-11-20T09:31:40.950714008Z ${APP}`);
    expect(u.text).toBe(APP);
    expect(u.context).toEqual({ pod: 'cilium-9fz2x', container: 'cilium-agent', time: '2023-11-20T09:31:40.950714008Z' });
  });

  it('keeps the leading TAB of a verifier line after the prefix layers', () => {
    const u = unwrapLine('[pod/cilium-9fz2x/cilium-agent] 2023-11-20T09:31:40.950737115Z \t0: R1=ctx(off=0,imm=0) R10=fp0');
    expect(u.text).toBe('\t0: R1=ctx(off=0,imm=0) R10=fp0');
  });

  it('docker json-file: decodes the JSON envelope, drops the trailing newline, keeps stream and time', () => {
    const line = JSON.stringify({ log: `${APP}\n`, stream: 'stderr', time: '2024-03-11T08:40:18.176456Z' });
    const u = unwrapLine(line);
    expect(u.text).toBe(APP);
    expect(u.context).toEqual({ stream: 'stderr', time: '2024-03-11T08:40:18.176456Z' });
  });

  it('docker json-file: escaped quotes inside the app line survive', () => {
    const app = 'level=warning msg="Unable to fetch kubernetes labels" error="pod.core \\"web-1\\" not found" subsys=resolve-labels';
    const u = unwrapLine(JSON.stringify({ log: `${app}\n`, stream: 'stderr', time: '2024-03-11T08:40:18Z' }));
    expect(u.text).toBe(app);
  });

  it('a JSON agent line is not mistaken for a docker envelope', () => {
    const json = '{"level":"info","msg":"Connected to apiserver","subsys":"k8s-client"}';
    expect(unwrapLine(json)).toEqual({ text: json, context: {} });
  });

  it('CRI log file, full record (F): timestamp, stream and tag are peeled', () => {
    const u = unwrapLine(`2024-03-11T08:40:17.126456Z stderr F ${APP}`);
    expect(u.text).toBe(APP);
    expect(u.partial).toBeUndefined();
    expect(u.context).toEqual({ time: '2024-03-11T08:40:17.126456Z', stream: 'stderr' });
  });

  it('CRI log file, partial record (P) is flagged as continuing on the next record', () => {
    const u = unwrapLine('2024-03-11T08:40:17.126456Z stdout P level=info msg="Adding local node');
    expect(u.partial).toBe(true);
    expect(u.text).toBe('level=info msg="Adding local node');
    expect(u.context.stream).toBe('stdout');
  });

  it('journald: host and unit become context', () => {
    const u = unwrapLine(`Mar 11 08:40:17 worker-7 cilium-agent[2231]: ${APP}`);
    expect(u.text).toBe(APP);
    expect(u.context).toEqual({ host: 'worker-7', container: 'cilium-agent' });
  });

  it('journald with a single-digit day padded by a space', () => {
    const u = unwrapLine(`Mar  4 08:40:17 worker-7 cilium-agent[2231]: ${APP}`);
    expect(u.text).toBe(APP);
    expect(u.context.host).toBe('worker-7');
  });

  it('GKE Logs Explorer copy: the shipper severity is not the Cilium level', () => {
    const u = unwrapLine(
      `ERROR 2024-08-30T08:12:43.551554643Z [resource.labels.containerName: cilium-agent] ${APP}`,
    );
    expect(u.text).toBe(APP);
    expect(u.context).toEqual({ time: '2024-08-30T08:12:43.551554643Z', container: 'cilium-agent' });
  });

  it('strips ANSI colour codes anywhere in the line', () => {
    const coloured = '\x1b[36m[pod/cilium-5kq2p/cilium-agent]\x1b[0m level=\x1b[1;33mwarning\x1b[0m msg="Slow" subsys=daemon';
    const u = unwrapLine(coloured);
    expect(u.text).toBe('level=warning msg="Slow" subsys=daemon');
    expect(u.context.pod).toBe('cilium-5kq2p');
  });

  it('strips the CR of CRLF endings', () => {
    expect(unwrapLine(`[pod/cilium-5kq2p/cilium-agent] ${APP}\r`).text).toBe(APP);
    expect(cleanLine(`${APP}\r`)).toBe(APP);
  });

  it('cleanLine removes OSC hyperlink sequences and stray carriage returns', () => {
    expect(cleanLine('\x1b]8;;https://docs.cilium.io\x07docs\x1b]8;;\x07 ok')).toBe('docs ok');
    expect(cleanLine('50%\r100% done')).toBe('50%100% done');
  });
});
