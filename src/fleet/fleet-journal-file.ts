import { join } from 'node:path';
import { FaultError, KIND_ADVICE } from '../model/errors.js';
import { fileReason } from '../model/file-reason.js';
import { journalDir } from '../runbook/journal-location.js';
import { makeJournalDir, openForAppend, type JournalFile } from '../runbook/journal-file.js';
import { redactedJson } from '../runbook/redact.js';

/** A journal file in the fleet folder: timestamped JSON lines, the sign-in secret redacted. */
export class FleetJournalFile {
  private constructor(
    readonly path: string,
    private readonly file: JournalFile,
    private readonly secrets: ReadonlySet<string>,
  ) {}

  /** Opens (creating the fleet folder, mode 700) `path` for appending. */
  static async open(
    env: NodeJS.ProcessEnv,
    path: string,
    secret?: string,
  ): Promise<FleetJournalFile> {
    await makeJournalDir(join(journalDir(env), 'fleet'));
    // Opened before any change it journals is sent: one that cannot be opened stops it here.
    const file = await openForAppend(path).catch((error: unknown) => {
      throw new FaultError(
        'local-io',
        `cannot open the journal ${path}: ${fileReason(error)}; ${KIND_ADVICE['local-io']}`,
      );
    });
    return new FleetJournalFile(path, file, new Set(secret ? [secret] : []));
  }

  /** Appends one line stamped with the time; `sync` waits until it is on disk. */
  async append(line: object, sync: boolean): Promise<void> {
    await this.file.appendFile(
      `${redactedJson({ time: new Date().toISOString(), ...line }, this.secrets)}\n`,
    );
    if (sync) await this.file.datasync();
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
