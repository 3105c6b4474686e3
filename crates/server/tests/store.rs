//! The store contract, on SQLite and PostgreSQL alike.
mod common;

use std::sync::Arc;

use fairlog_server::store::{EventStore, Head, MutationRecord, SqlStore, StoreError, StoredEvent};
use uuid::Uuid;

fn event(seq: u64, prev: &str) -> StoredEvent {
    let line = format!("{{\"seq\":{seq},\"prev\":\"{prev}\"}}");
    StoredEvent { seq, id: Uuid::new_v4(), hash: fairlog_domain::log::hash_line(&line), line }
}

fn chain(from: &Head, n: u64) -> Vec<StoredEvent> {
    let mut prev = from.last_hash.clone();
    (1..=n)
        .map(|i| {
            let e = event(from.last_seq + i, &prev);
            prev = e.hash.clone();
            e
        })
        .collect()
}

#[tokio::test]
async fn a_new_store_is_empty_and_opening_it_again_keeps_what_it_holds() {
    for (kind, url) in common::store_urls().await {
        let store = SqlStore::open(&url).await.unwrap();
        assert_eq!(store.kind(), kind);
        assert_eq!(store.head().await.unwrap(), Head::default(), "{kind}");
        let events = chain(&Head::default(), 3);
        store.append(&Head::default(), &events, &[]).await.unwrap();
        drop(store);
        // Migrations run again on every start and change nothing.
        let again = SqlStore::open(&url).await.unwrap();
        assert_eq!(again.head().await.unwrap().last_seq, 3, "{kind}");
        assert_eq!(again.read_after(0, 10).await.unwrap(), events, "{kind}");
    }
}

#[tokio::test]
async fn an_append_moves_the_head_and_reads_come_back_in_order() {
    for (kind, store) in common::stores().await {
        let events = chain(&Head::default(), 5);
        let head = store.append(&Head::default(), &events, &[]).await.unwrap();
        assert_eq!(head, Head { last_seq: 5, last_hash: events[4].hash.clone() }, "{kind}");
        assert_eq!(store.head().await.unwrap(), head, "{kind}");
        assert_eq!(store.read_after(2, 2).await.unwrap(), events[2..4].to_vec(), "{kind}");
        assert!(store.read_after(5, 10).await.unwrap().is_empty(), "{kind}");
    }
}

#[tokio::test]
async fn a_stale_expectation_writes_nothing() {
    for (kind, store) in common::stores().await {
        let first = chain(&Head::default(), 2);
        store.append(&Head::default(), &first, &[]).await.unwrap();
        let client = Uuid::new_v4();
        let record = MutationRecord { client_id: client, n: 1, result: "{}".into() };
        // A writer that still believes the log is empty.
        let err = store.append(&Head::default(), &chain(&Head::default(), 1), &[record]).await.unwrap_err();
        assert!(matches!(err, StoreError::Stale { expected: 0, actual: 2 }), "{kind}: {err}");
        assert_eq!(store.head().await.unwrap().last_seq, 2, "{kind}");
        assert_eq!(store.read_after(0, 10).await.unwrap(), first, "{kind}");
        assert_eq!(store.last_mutation(client).await.unwrap(), 0, "{kind}: the refused write's record is not kept");
    }
}

#[tokio::test]
async fn a_repeated_mutation_record_rolls_back_its_whole_transaction() {
    for (kind, store) in common::stores().await {
        let client = Uuid::new_v4();
        let record = MutationRecord { client_id: client, n: 1, result: "{\"status\":\"accepted\"}".into() };
        let h1 =
            store.append(&Head::default(), &chain(&Head::default(), 1), std::slice::from_ref(&record)).await.unwrap();
        let err = store.append(&h1, &chain(&h1, 1), &[record]).await.unwrap_err();
        assert!(matches!(err, StoreError::Database(_)), "{kind}: {err}");
        assert_eq!(store.head().await.unwrap(), h1, "{kind}: neither the head nor the event moved");
        assert_eq!(store.read_after(0, 10).await.unwrap().len(), 1, "{kind}");
        assert_eq!(store.mutation(client, 1).await.unwrap().as_deref(), Some("{\"status\":\"accepted\"}"), "{kind}");
        assert_eq!(store.last_mutation(client).await.unwrap(), 1, "{kind}");
        assert_eq!(store.mutation(client, 2).await.unwrap(), None, "{kind}");
    }
}

#[tokio::test]
async fn writers_racing_on_one_head_leave_one_winner_and_no_gap() {
    for (kind, store) in common::stores().await {
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let store: Arc<dyn EventStore> = store.clone();
            tasks.push(tokio::spawn(async move {
                let mut wins = 0;
                for _ in 0..10 {
                    let head = store.head().await.unwrap();
                    match store.append(&head, &chain(&head, 2), &[]).await {
                        Ok(_) => wins += 1,
                        Err(StoreError::Stale { .. }) => {}
                        // SQLite may also answer "busy" to a writer that lost the race.
                        Err(StoreError::Database(_)) => {}
                        Err(e) => panic!("{e}"),
                    }
                }
                wins
            }));
        }
        let mut wins = 0;
        for t in tasks {
            wins += t.await.unwrap();
        }
        let rows = store.read_after(0, 1000).await.unwrap();
        assert_eq!(rows.len() as u64, wins * 2, "{kind}: every win wrote its two events, nothing else");
        let mut prev = String::new();
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r.seq, i as u64 + 1, "{kind}: no gap");
            assert!(r.line.contains(&format!("\"prev\":\"{prev}\"")), "{kind}: chained at {}", r.seq);
            prev = r.hash.clone();
        }
        assert_eq!(store.head().await.unwrap().last_seq, rows.len() as u64, "{kind}");
    }
}
