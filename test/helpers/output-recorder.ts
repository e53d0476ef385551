// Collects everything fnsync printed or wrote during a test file, so one assertion can prove a secret
// never left the process: every runCli call appends its stdout and stderr to each active recording,
// and a test adds the files it made fnsync write (plan files, .fnsync/*.json, reports).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One piece of collected text and where it came from (`fnsync plan --json: stdout`, `plan.json`). */
export interface RecordedText {
  source: string;
  text: string;
}

/** What a test collected. */
export interface Recording {
  entries: RecordedText[];
  stop(): void;
}

const active = new Set<Recording>();

/** Starts collecting the output of every spawned CLI from now on (until `stop()`). */
export function startRecording(): Recording {
  const recording: Recording = { entries: [], stop: () => active.delete(recording) };
  active.add(recording);
  return recording;
}

/** Called by runCli for every finished command. */
export function recordCliOutput(args: string[], stdout: string, stderr: string): void {
  for (const r of active) {
    r.entries.push({ source: `fnsync ${args.join(' ')}: stdout`, text: stdout }, { source: `fnsync ${args.join(' ')}: stderr`, text: stderr });
  }
}

/**
 * Files of a project dir not collected: the embedded local workspace's state file is the one file
 * that legitimately holds secrets in full, since it plays Segment's own storage (written with mode
 * 0600, kept out of git, never printed). A standalone emulator's state file is the same thing; tests
 * keep it outside the project dir (startTestEmulator). Everything else fnsync writes is output.
 */
export const SECRET_STORE_FILES = ['.fnsync/workspace.json'];

/** Adds every file under `dir` (recursively) except the secret store files, named relative to `dir`. */
export function recordFiles(recording: Recording, dir: string, exclude: string[] = SECRET_STORE_FILES): string[] {
  const added: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      const rel = relative(dir, full).split('\\').join('/');
      if (statSync(full).isDirectory()) walk(full);
      else if (!exclude.includes(rel)) {
        recording.entries.push({ source: rel, text: readFileSync(full, 'utf8') });
        added.push(rel);
      }
    }
  };
  walk(dir);
  return added;
}

/**
 * The forms a leaked secret could take: as is, JSON-escaped (once and twice), URL-encoded, hex, and
 * base64 / base64url at each of the three byte alignments (a secret inside a larger encoded string,
 * as in a Basic auth header, only shows the middle of its own encoding).
 */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = new Set([secret, json, JSON.stringify(json).slice(1, -1), encodeURIComponent(secret), Buffer.from(secret).toString('hex')]);
  const bytes = Buffer.byteLength(secret);
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.from('x'.repeat(k) + secret).toString('base64');
    const inner = b64.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes)) / 6));
    forms.add(inner);
    forms.add(inner.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms];
}

/** Every (source, form) where one of the secrets appears in what was collected. */
export function findLeaks(entries: RecordedText[], secrets: string[]): { source: string; form: string }[] {
  const forms = [...new Set(secrets.flatMap(secretForms))];
  return entries.flatMap((e) => forms.filter((f) => e.text.includes(f)).map((form) => ({ source: e.source, form })));
}
