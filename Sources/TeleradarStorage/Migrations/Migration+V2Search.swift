extension Migration {
    /// Keyword index over `posts.search_text` (stemmed text written by the application): FTS5 with bm25 on
    /// SQLite, kept in sync by triggers; a `simple` tsvector with a GIN index on PostgreSQL.
    static let v2Search = Migration(
        version: 2, name: "keyword index",
        statements: [],
        sqlite: [
            """
            CREATE VIRTUAL TABLE posts_fts USING fts5(
                search_text, content='posts', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
            )
            """,
            """
            CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
                INSERT INTO posts_fts (rowid, search_text) VALUES (new.id, new.search_text);
            END
            """,
            """
            CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
                INSERT INTO posts_fts (posts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            END
            """,
            """
            CREATE TRIGGER posts_fts_update AFTER UPDATE OF search_text ON posts BEGIN
                INSERT INTO posts_fts (posts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
                INSERT INTO posts_fts (rowid, search_text) VALUES (new.id, new.search_text);
            END
            """,
        ],
        postgres: [
            "CREATE INDEX posts_search ON posts USING GIN (to_tsvector('simple', search_text))"
        ])
}
