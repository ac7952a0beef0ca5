/** The columns every row that stands for an input line starts with: its id and where it was read. */
export const LINE_ROW_KEY = 'id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, segment INTEGER NOT NULL';
