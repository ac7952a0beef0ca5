import type { Statement } from 'better-sqlite3';
import type { LocatedRecord } from '../types/records.js';
import type { CaseDb } from './db.js';
import { hubbleWriter } from './writers/hubble.js';
import { hostWriter } from './writers/host.js';
import { kubernetesWriter } from './writers/kubernetes.js';
import { messageShape, ownedCopy } from './message-shape.js';
import { monitorWriter } from './writers/monitor.js';
import { statusWriter } from './writers/status.js';
import { tcpdumpWriter } from './writers/tcpdump.js';

/** Per-source context a record is written with. */
export interface WriteContext {
  sourceId: number;
  /** The agent the line belongs to: a pod name, or `source:<name>` when none is known. */
  agent: string;
}

/** Stores one record kind. Format families added later register their own. */
export interface RecordWriter {
  kinds: readonly string[];
  prepare(db: CaseDb, shapes: ShapeIds): (rec: LocatedRecord, ctx: WriteContext) => void;
}

/** Interns message shapes; the caches are bounded (reset when full, re-read on a miss). */
export class ShapeIds {
  private readonly cache = new Map<string, number>();
  /** Agent logs repeat their messages: message → its shape's id. */
  private readonly messages = new Map<string, number>();
  private readonly insert: Statement;
  private readonly select: Statement;

  constructor(db: CaseDb) {
    this.insert = db.prepare('INSERT OR IGNORE INTO shapes (shape) VALUES (?)');
    this.select = db.prepare('SELECT id FROM shapes WHERE shape = ?').pluck();
  }

  id(shape: string): number {
    let id = this.cache.get(shape);
    if (id === undefined) {
      const info = this.insert.run(shape);
      id = info.changes > 0 ? Number(info.lastInsertRowid) : (this.select.get(shape) as number);
      if (this.cache.size >= 100_000) this.cache.clear();
      this.cache.set(ownedCopy(shape), id);
    }
    return id;
  }

  /** The id of a log message's shape. */
  ofMessage(msg: string): number {
    let id = this.messages.get(msg);
    if (id === undefined) {
      id = this.id(messageShape(msg));
      if (this.messages.size >= 50_000) this.messages.clear();
      this.messages.set(ownedCopy(msg), id);
    }
    return id;
  }
}

const agentLogWriter: RecordWriter = {
  kinds: ['agent-log'],
  prepare(db, shapes) {
    const event = db.prepare(
      `INSERT INTO log_events (source_id, line, segment, agent, pod, container, runtime_time, time, level,
         generation, subsys, module, msg, shape_id, fields, trailing, note, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const flag = db.prepare('INSERT INTO config_flags (source_id, line, agent, name, value) VALUES (?, ?, ?, ?, ?)');
    const banner = db.prepare(
      `INSERT INTO banners (source_id, line, agent, component, version, revision, date, go_version, platform)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const addressing = db.prepare('INSERT INTO addressing (source_id, line, agent, key, value) VALUES (?, ?, ?, ?, ?)');
    return ({ record, at }, { sourceId, agent }) => {
      if (record.kind !== 'agent-log') return;
      const c = at.context;
      event.run(
        sourceId, at.line, at.segment, agent, c.pod ?? null, c.container ?? null, c.time ?? null, record.time,
        record.level, record.generation, record.subsys, record.module, record.msg, shapes.ofMessage(record.msg),
        JSON.stringify(record.fields), record.trailing ?? null, record.note ?? null, at.text,
      );
      const d = record.detail;
      if (!d) return;
      if (d.type === 'flag') flag.run(sourceId, at.line, agent, d.name, d.value);
      else if (d.type === 'banner') {
        banner.run(sourceId, at.line, agent, d.component, d.version, d.revision, d.date, d.goVersion, d.platform);
      } else addressing.run(sourceId, at.line, agent, d.key, d.value);
    };
  },
};

const agentRawWriter: RecordWriter = {
  kinds: ['agent-raw'],
  prepare(db) {
    const raw = db.prepare(
      'INSERT INTO raw_lines (source_id, line, segment, agent, category, level, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    return ({ record, at }, { sourceId, agent }) => {
      if (record.kind !== 'agent-raw') return;
      raw.run(sourceId, at.line, at.segment, agent, record.category, record.level, record.text);
    };
  },
};

const shellWriter: RecordWriter = {
  kinds: ['shell-command'],
  prepare(db) {
    const cmd = db.prepare(
      `INSERT INTO shell_commands (source_id, line, segment, host, prompt, command, tool, pod, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return ({ record, at }, { sourceId }) => {
      if (record.kind !== 'shell-command') return;
      cmd.run(sourceId, at.line, at.segment, record.host, record.prompt, record.command, record.tool, record.pod, at.text);
    };
  },
};

export const RECORD_WRITERS: readonly RecordWriter[] = [
  agentLogWriter, agentRawWriter, shellWriter, statusWriter, monitorWriter, tcpdumpWriter, hubbleWriter, kubernetesWriter, hostWriter,
];
