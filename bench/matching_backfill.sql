-- Lookup rows for a large bench archive in one statement, equivalent to what
-- `manage.py match_backfill` writes (same keys; the quote normalisation and the context
-- window are approximated in SQL). The command does ~1,000 claims/s; this does a million
-- in a minute or two. Rows that exist already are kept.
INSERT INTO repeats_claimfingerprint
    (claim_id, article_id, kind, family, value, published_on, quote_norm, speaker_key, context)
SELECT c.id, c.article_id, c.kind,
       CASE
         WHEN c.kind = 'quote' THEN ''
         WHEN c.kind = 'monetary_amount' OR c.currency <> '' THEN
           CASE WHEN c.currency = '' THEN ''
                ELSE c.kind || ':cur:' || CASE WHEN upper(c.currency) IN ('PKR', 'INR', 'NPR', 'LKR')
                                               THEN 'rupee' ELSE upper(c.currency) END END
         WHEN c.unit = '' THEN ''
         ELSE c.kind || ':' || CASE lower(c.unit)
                                 WHEN 'dead' THEN 'killed' WHEN 'died' THEN 'killed'
                                 WHEN 'deaths' THEN 'killed' WHEN 'death' THEN 'killed'
                                 WHEN 'persons' THEN 'people' WHEN 'person' THEN 'people'
                                 ELSE lower(c.unit) END
       END,
       c.value,
       coalesce(a.published_at, a.created_at)::date,
       CASE WHEN c.kind = 'quote' THEN
         btrim(regexp_replace(lower(regexp_replace(c.quote, '["''\u201c\u201d\u2018\u2019\u00ab\u00bb]', '', 'g')),
                              '\s+', ' ', 'g'), ' .,;:!?')
       ELSE '' END,
       left(lower(coalesce(substring(c.speaker from '([^ ]+)$'), '')), 100),
       a.title || E'\n' || substring(a.text from greatest(1, c.start - 300) for (c."end" - c.start) + 450)
FROM claims_claim c JOIN claims_article a ON a.id = c.article_id
WHERE c.kind IN ('quote', 'casualty_count', 'monetary_amount', 'statistic')
ON CONFLICT (claim_id) DO NOTHING;
ANALYZE repeats_claimfingerprint;
