-- The demo account `npm run dev` works with; safe to run again.
INSERT INTO accounts (inbound_address, digest_address, zone, language, created_at)
VALUES ('interviews@example.com', 'you@example.com', 'Asia/Jakarta', 'id', CAST(strftime('%s', 'now') AS INTEGER) * 1000)
ON CONFLICT (inbound_address) DO NOTHING;

INSERT INTO account_senders (account_id, address)
SELECT id, 'you@example.com' FROM accounts WHERE inbound_address = 'interviews@example.com'
ON CONFLICT (account_id, address) DO NOTHING;
