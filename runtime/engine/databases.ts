// Databases opened on first use and again after a failed open, so a server whose database is down
// at start serves it as soon as it is back; one connection pool per db_url, all closed together.
import { openDatabase, type Database } from '../db/index.js';

export class DatabasePool {
  private readonly opening = new Map<string, Promise<Database>>();
  private readonly open: Database[] = [];

  get(url: string): Promise<Database> {
    let p = this.opening.get(url);
    if (!p) {
      const attempt = openDatabase(url).then((db) => {
        this.open.push(db);
        return db;
      });
      p = attempt;
      this.opening.set(url, attempt);
      attempt.catch(() => {
        if (this.opening.get(url) === attempt) this.opening.delete(url);
      });
    }
    return p;
  }

  async close(): Promise<void> {
    const dbs = this.open.splice(0);
    this.opening.clear();
    await Promise.all(dbs.map((d) => d.close().catch(() => undefined)));
  }
}
