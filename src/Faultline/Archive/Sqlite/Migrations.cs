using Microsoft.Data.Sqlite;

namespace Faultline.Archive.Sqlite;

/// <summary>
/// Versioned schema migrations, applied in order inside one transaction each; the version lives in
/// PRAGMA user_version. Never edit a shipped migration: append a new one.
/// </summary>
/// <remarks>
/// Layout (times are Unix milliseconds, UTC):
/// <code>
/// sources ─┬─&lt; posts ─┬─&lt; post_versions      every distinct text, with first/last seen and imports
///          │          ├─&lt; metric_snapshots   views/forwards/reactions as observed by each import
///          │          ├─&lt; post_links         links resolved to host / t.me handle + post id
///          │          ├─&lt; post_citations     endnote URLs of assessment paragraphs
///          │          └── posts_fts          contentless FTS5 over stems, rowid = posts.id
///          └─&lt; source_events                 pins, title changes …
/// imports ──&lt; import_coverage                which source and span each import covers
/// claims ──&lt; claim_members ─ posts            claims and their members' roles (the claims stage)
/// claim_keys, claim_index                     key counts the claims stage weighs terms by, kept up between runs
/// </code>
/// </remarks>
internal static class Migrations
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE sources(
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            handle TEXT,
            title TEXT,
            url TEXT,
            native_id TEXT,
            first_import INTEGER NOT NULL,
            last_import INTEGER NOT NULL
        );
        CREATE INDEX sources_handle ON sources(handle COLLATE NOCASE);

        CREATE TABLE imports(
            id INTEGER PRIMARY KEY,
            file TEXT NOT NULL,
            file_hash TEXT NOT NULL,
            file_size INTEGER NOT NULL,
            format TEXT NOT NULL,
            started INTEGER NOT NULL,
            finished INTEGER,
            status TEXT NOT NULL,
            posts_new INTEGER NOT NULL DEFAULT 0,
            posts_updated INTEGER NOT NULL DEFAULT 0,
            posts_unchanged INTEGER NOT NULL DEFAULT 0,
            posts_deleted INTEGER NOT NULL DEFAULT 0,
            events INTEGER NOT NULL DEFAULT 0,
            warnings TEXT
        );
        CREATE INDEX imports_hash ON imports(file_hash);

        CREATE TABLE import_coverage(
            import_id INTEGER NOT NULL REFERENCES imports(id),
            source_id INTEGER NOT NULL REFERENCES sources(id),
            coverage TEXT NOT NULL,
            first_post INTEGER,
            last_post INTEGER,
            posts INTEGER NOT NULL,
            PRIMARY KEY(import_id, source_id)
        );

        CREATE TABLE posts(
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            native_id TEXT NOT NULL,
            url TEXT,
            author TEXT,
            title TEXT,
            published INTEGER NOT NULL,
            edited INTEGER,
            text TEXT NOT NULL,
            entities TEXT,
            forward_name TEXT,
            forward_handle TEXT,
            forward_source TEXT,
            forward_post TEXT,
            forward_date INTEGER,
            reply_to TEXT,
            media TEXT,
            missing TEXT,
            language TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            version_count INTEGER NOT NULL DEFAULT 1,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            first_import INTEGER NOT NULL,
            last_import INTEGER NOT NULL,
            deleted_at INTEGER,
            deleted_import INTEGER,
            UNIQUE(source_id, native_id)
        );
        CREATE INDEX posts_published ON posts(published);
        CREATE INDEX posts_source_published ON posts(source_id, published);

        CREATE TABLE post_versions(
            id INTEGER PRIMARY KEY,
            post_id INTEGER NOT NULL REFERENCES posts(id),
            seq INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            title TEXT,
            entities TEXT,
            edited INTEGER,
            raw TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            first_import INTEGER NOT NULL,
            last_import INTEGER NOT NULL,
            UNIQUE(post_id, content_hash)
        );

        CREATE TABLE metric_snapshots(
            post_id INTEGER NOT NULL REFERENCES posts(id),
            import_id INTEGER NOT NULL,
            observed INTEGER NOT NULL,
            views INTEGER,
            forwards INTEGER,
            replies INTEGER,
            reactions TEXT
        );
        CREATE INDEX metric_snapshots_post ON metric_snapshots(post_id);

        CREATE TABLE post_links(
            post_id INTEGER NOT NULL REFERENCES posts(id),
            url TEXT NOT NULL,
            host TEXT NOT NULL,
            tg_handle TEXT,
            tg_post INTEGER
        );
        CREATE INDEX post_links_post ON post_links(post_id);
        CREATE INDEX post_links_host ON post_links(host);
        CREATE INDEX post_links_tg ON post_links(tg_handle, tg_post);

        CREATE TABLE post_citations(
            post_id INTEGER NOT NULL REFERENCES posts(id),
            marker INTEGER NOT NULL,
            url TEXT NOT NULL,
            tg_handle TEXT,
            tg_post INTEGER
        );
        CREATE INDEX post_citations_post ON post_citations(post_id);
        CREATE INDEX post_citations_tg ON post_citations(tg_handle, tg_post);

        CREATE TABLE source_events(
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            native_id TEXT NOT NULL,
            time INTEGER NOT NULL,
            action TEXT NOT NULL,
            actor TEXT,
            detail TEXT,
            raw TEXT NOT NULL,
            import_id INTEGER NOT NULL,
            UNIQUE(source_id, native_id)
        );

        CREATE VIRTUAL TABLE posts_fts USING fts5(terms, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
        """,
        // 2: analysis results. Signatures make the near-duplicate index incremental; edges are what every later
        // stage (cascades, graph, claims) reads; analysis_state records how far each stage has come.
        """
        CREATE TABLE post_signatures(
            post_id INTEGER PRIMARY KEY REFERENCES posts(id),
            content_hash TEXT NOT NULL,
            signature BLOB NOT NULL
        );

        CREATE TABLE post_edges(
            earlier INTEGER NOT NULL REFERENCES posts(id),
            later INTEGER NOT NULL REFERENCES posts(id),
            kind TEXT NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY(earlier, later, kind)
        ) WITHOUT ROWID;
        CREATE INDEX post_edges_later ON post_edges(later);
        CREATE INDEX post_edges_kind ON post_edges(kind);

        CREATE TABLE analysis_state(
            stage TEXT PRIMARY KEY,
            last_post_id INTEGER NOT NULL,
            last_import_id INTEGER NOT NULL,
            finished INTEGER NOT NULL,
            detail TEXT
        );
        """,
        // 3: actors. Who each post mentions, the author's stance toward each, and its loaded-language score.
        """
        CREATE TABLE post_mentions(
            post_id INTEGER NOT NULL REFERENCES posts(id),
            actor_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            length INTEGER NOT NULL,
            surface TEXT NOT NULL
        );
        CREATE INDEX post_mentions_post ON post_mentions(post_id);
        CREATE INDEX post_mentions_actor ON post_mentions(actor_id);

        CREATE TABLE post_stances(
            post_id INTEGER NOT NULL REFERENCES posts(id),
            actor_id TEXT NOT NULL,
            stance INTEGER NOT NULL,
            confidence REAL NOT NULL,
            evidence TEXT,
            PRIMARY KEY(post_id, actor_id)
        ) WITHOUT ROWID;
        CREATE INDEX post_stances_actor ON post_stances(actor_id);

        CREATE TABLE post_loaded(
            post_id INTEGER PRIMARY KEY REFERENCES posts(id),
            score REAL NOT NULL,
            terms TEXT
        );
        """,
        // 4: claims, rebuilt by the claims stage; grade overrides, written only by analysts and never rebuilt.
        """
        CREATE TABLE claims(
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            language TEXT NOT NULL,
            status TEXT NOT NULL,
            first_post INTEGER NOT NULL,
            last_post INTEGER NOT NULL,
            key_terms TEXT,
            actors TEXT,
            lifecycle TEXT NOT NULL
        );
        CREATE INDEX claims_first ON claims(first_post);

        CREATE TABLE claim_members(
            claim_id INTEGER NOT NULL REFERENCES claims(id),
            post_id INTEGER NOT NULL REFERENCES posts(id),
            role TEXT NOT NULL,
            evidence TEXT,
            PRIMARY KEY(claim_id, post_id)
        ) WITHOUT ROWID;
        CREATE INDEX claim_members_post ON claim_members(post_id);

        CREATE TABLE grade_overrides(
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            grade TEXT NOT NULL,
            note TEXT NOT NULL,
            analyst TEXT,
            at INTEGER NOT NULL
        );
        CREATE INDEX grade_overrides_source ON grade_overrides(source_id);
        """,
        // 5: incremental claims. The import that last changed a post's text or tombstone (new posts are told by their id);
        // the claim index's key counts over the whole archive, with the watermark they are up to.
        """
        ALTER TABLE posts ADD COLUMN changed_import INTEGER;
        CREATE INDEX posts_changed ON posts(changed_import) WHERE changed_import IS NOT NULL;

        CREATE TABLE claim_keys(
            key TEXT PRIMARY KEY,
            posts INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE claim_index(
            id INTEGER PRIMARY KEY CHECK (id = 1),
            posts INTEGER NOT NULL,
            last_post_id INTEGER NOT NULL,
            last_import_id INTEGER NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Steps.Length;

    /// <summary>Brings the database up to <see cref="Latest"/>; refuses a newer schema.</summary>
    public static void Apply(SqliteConnection connection)
    {
        int version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Latest)
            throw new ArchiveException($"the archive has schema version {version}, newer than this Faultline ({Latest}); upgrade Faultline");
        for (int i = version; i < Latest; i++)
        {
            using var tx = connection.BeginTransaction();
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = Steps[i] + $";\nPRAGMA user_version = {i + 1};";
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
