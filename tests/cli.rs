//! End-to-end tests through the `geokg` binary on the seed article.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const SEED: &str = "seeds/articles/00-russia-china-security-ties.txt";

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn geokg(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("geokg").expect("binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--db")
        .arg(db)
        .env_remove("GEOKG_DB")
        .env_remove("GEOKG_ACTORS");
    cmd
}

fn loaded() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    geokg(&db)
        .args(["load", "seeds/articles"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 new"));
    (dir, db)
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stats(db: &Path) -> serde_json::Value {
    json(geokg(db).args(["stats", "--json"]))
}

#[test]
fn loading_twice_duplicates_nothing() {
    let (_dir, db) = loaded();
    let first = stats(&db);
    assert!(first["relations"].as_i64().unwrap() >= 10);
    geokg(&db)
        .args(["load", "seeds/articles"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 new, 1 unchanged"));
    assert_eq!(stats(&db), first, "a re-load is a no-op");
    geokg(&db).args(["reextract", "-q"]).assert().success();
    assert_eq!(
        stats(&db)["relations"],
        first["relations"],
        "re-extraction recomputes the same relations"
    );
}

#[test]
fn a_changed_article_replaces_its_relations() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "id: story-1\n---\nRussia invaded Ukraine on Thursday.\n",
    )
    .unwrap();
    geokg(&db).arg("load").arg(&article).assert().success();
    let rel = json(geokg(&db).args(["relations", "--json"]));
    assert_eq!(rel[0]["category"], "ASSAULT");
    std::fs::write(
        &article,
        "id: story-1\n---\nRussia praised Ukraine on Thursday.\n",
    )
    .unwrap();
    geokg(&db)
        .arg("load")
        .arg(&article)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 replaced"));
    let rel = json(geokg(&db).args(["relations", "--json"]));
    assert_eq!(rel.as_array().unwrap().len(), 1);
    assert_eq!(rel[0]["category"], "SUPPORT");
    assert_eq!(stats(&db)["articles"], 1);
}

#[test]
fn extract_prints_the_jsonl_contract() {
    let out = Command::cargo_bin("geokg")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["extract", "--format", "jsonl", SEED])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for l in &lines {
        for field in [
            "article",
            "sentence",
            "subject",
            "relation",
            "category",
            "object",
            "negated",
            "attributed_to",
            "evidence",
        ] {
            assert!(l.get(field).is_some(), "{field} missing in {l}");
        }
        assert_eq!(l["article"], "00-russia-china-security-ties");
    }
    let has = |s: &str, c: &str, o: &str, neg: bool| {
        lines.iter().any(|l| {
            let key = |a: &serde_json::Value| {
                a["code"]
                    .as_str()
                    .unwrap_or(a["name"].as_str().unwrap_or(""))
                    .to_string()
            };
            key(&l["subject"]) == s
                && l["category"] == c
                && key(&l["object"]) == o
                && l["negated"] == neg
        })
    };
    assert!(has("RUS", "COOPERATE", "CHN", false));
    assert!(has("Joe Biden", "THREATEN", "Xi Jinping", false));
    assert!(
        has("RUS", "ASSAULT", "UKR", false),
        "Russia's invasion of Ukraine"
    );
    assert!(has("CHN", "ACCUSE", "RUS", true), "refused to criticize");
    assert!(has("Vladimir Putin", "CONSULT", "Xi Jinping", false));
    assert!(lines.iter().any(|l| l["relation"] == "partners-with"));
    let putin = lines
        .iter()
        .find(|l| l["subject"]["name"] == "Vladimir Putin")
        .unwrap();
    assert_eq!(
        putin["subject"]["affiliation"], "RUS",
        "persons carry their affiliation"
    );
    assert_eq!(putin["subject"]["kind"], "person");
}

#[test]
fn seed_scores_full_recall_with_score_py() {
    let scorer = shared().join("eval/score.py");
    assert!(
        scorer.exists(),
        "../shared/eval/score.py is part of the checkout"
    );
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("seed.jsonl");
    let out = Command::cargo_bin("geokg")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["extract", "-f", "jsonl", SEED])
        .output()
        .unwrap();
    std::fs::write(&out_file, &out.stdout).unwrap();
    // score only the seed's gold line
    let gold: String = std::fs::read_to_string(shared().join("eval/dev/gold.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"00-russia-china-security-ties\""))
        .collect();
    let gold_file = dir.path().join("gold.jsonl");
    std::fs::write(&gold_file, gold).unwrap();
    let scored = std::process::Command::new("python3")
        .arg(&scorer)
        .arg(&gold_file)
        .arg(&out_file)
        .arg("--json")
        .output()
        .expect("python3 runs score.py");
    let result: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    assert_eq!(result["EVENTS"]["recall"], 1.0, "{result}");
    assert!(
        result["EVENTS"]["precision"].as_f64().unwrap() >= 0.9,
        "{result}"
    );
    assert_eq!(result["AFFILIATION"]["recall"], 1.0, "{result}");
}

#[test]
fn eval_agrees_with_score_py_on_the_dev_set() {
    let dev = shared().join("eval/dev");
    let dir = tempfile::tempdir().unwrap();
    let articles: Vec<PathBuf> = vec![dev.join("articles"), dev.join("items.jsonl")];
    let out = Command::cargo_bin("geokg")
        .unwrap()
        .arg("extract")
        .arg("-f")
        .arg("jsonl")
        .args(&articles)
        .output()
        .unwrap();
    let system = dir.path().join("dev.jsonl");
    std::fs::write(&system, &out.stdout).unwrap();
    let py = std::process::Command::new("python3")
        .arg(shared().join("eval/score.py"))
        .arg(dev.join("gold.jsonl"))
        .arg(&system)
        .arg("--json")
        .output()
        .unwrap();
    let py: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    let ours = json(
        Command::cargo_bin("geokg")
            .unwrap()
            .arg("eval")
            .arg(dev.join("gold.jsonl"))
            .args(&articles)
            .arg("--json"),
    );
    for (group, expected) in py.as_object().unwrap() {
        for field in ["tp", "fp", "fn"] {
            assert_eq!(ours[group][field], expected[field], "{group} {field}");
        }
    }
}

#[test]
fn queries_answer_on_the_seed() {
    let (_dir, db) = loaded();
    geokg(&db)
        .args(["relations", "--actor", "China"])
        .assert()
        .success()
        .stdout(predicate::str::contains("partners-with"));
    let rel = json(geokg(&db).args(["relations", "--actor", "beijing", "--with", "RUS", "--json"]));
    assert!(rel.as_array().unwrap().iter().all(|r| {
        [&r["subject_code"], &r["object_code"]]
            .iter()
            .any(|c| **c == "RUS")
    }));
    let negated = json(geokg(&db).args([
        "relations",
        "--actor",
        "CHN",
        "--category",
        "accuse",
        "--include-negated",
        "--json",
    ]));
    assert!(
        negated
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["negated"] == true)
    );
    let plain = json(geokg(&db).args([
        "relations",
        "--actor",
        "CHN",
        "--category",
        "ACCUSE",
        "--json",
    ]));
    assert!(
        plain
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["negated"] == false)
    );
    geokg(&db)
        .args(["relations", "--category", "FRIENDSHIP"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown category"));
    geokg(&db)
        .args(["relations", "--since", "yesterday"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not YYYY-MM-DD"));
    let none = json(geokg(&db).args(["relations", "--since", "2023-01-01", "--json"]));
    assert!(none.as_array().unwrap().is_empty());
}

#[test]
fn path_and_neighbors() {
    let (_dir, db) = loaded();
    let path = json(geokg(&db).args(["path", "Joe Biden", "Vladimir Putin", "--json"]));
    let hops = path["hops"].as_array().unwrap();
    assert!(!hops.is_empty() && hops.len() <= 3, "{path}");
    assert_eq!(hops[0]["from"], "Joe Biden");
    assert_eq!(hops.last().unwrap()["to"], "Vladimir Putin");
    assert!(
        hops.iter().all(|h| h["evidence"]["text"].is_string()),
        "each hop has evidence"
    );
    geokg(&db)
        .args(["path", "biden", "putin"])
        .assert()
        .success()
        .stdout(predicate::str::contains("hop"));
    let n1 = json(geokg(&db).args(["neighbors", "China", "--json"]));
    let names: Vec<&str> = n1["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Russia") && names.contains(&"Vladimir Putin"),
        "{names:?}"
    );
    let n2 = json(geokg(&db).args(["neighbors", "CHN", "--depth", "2", "--json"]));
    assert!(n2["nodes"].as_array().unwrap().len() >= names.len());
    assert!(
        n2["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["hops"] == 2)
    );
    geokg(&db)
        .args(["neighbors", "Atlantis"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no actor matches `Atlantis`"));
    geokg(&db)
        .args(["path", "China", "Chna"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("did you mean China"));
}

#[test]
fn named_queries() {
    let (_dir, db) = loaded();
    geokg(&db)
        .args(["query", "--list"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("dyads")
                .and(predicate::str::contains("timeline"))
                .and(predicate::str::contains("balance")),
        );
    let dyads = json(geokg(&db).args(["query", "dyads", "--json"]));
    assert!(
        dyads
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["subject"] == "Russia" && d["object"] == "China")
    );
    let timeline = json(geokg(&db).args(["query", "timeline", "--param", "actor=RUS", "--json"]));
    assert!(!timeline.as_array().unwrap().is_empty());
    geokg(&db)
        .args(["query", "timeline"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("missing parameter :actor"));
    // a parameter is bound, never spliced
    let injected = json(geokg(&db).args([
        "query",
        "timeline",
        "--param",
        "actor=RUS' OR 1=1 --",
        "--json",
    ]));
    assert!(injected.as_array().unwrap().is_empty());
    geokg(&db)
        .args(["query", "nosuch"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no query named `nosuch`"));
    let balance = json(geokg(&db).args(["query", "balance", "--json"]));
    assert!(
        balance
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["cooperation"].as_i64().unwrap() > 0)
    );
}

#[test]
fn actors_listing_and_show() {
    let (_dir, db) = loaded();
    let all = json(geokg(&db).args(["actors", "--all", "--json"]));
    let all = all.as_array().unwrap();
    assert!(all.len() > 1000);
    assert!(
        all.iter()
            .all(|a| a["name"].is_string() && a["kind"].is_string() && a.get("code").is_some())
    );
    assert!(
        all.iter()
            .any(|a| a["name"] == "Russia" && a["code"] == "RUS" && a["in_database"] == true)
    );
    let show = json(geokg(&db).args(["actors", "show", "Putin", "--json"]));
    assert_eq!(show["name"], "Vladimir Putin");
    assert!(
        show["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["role"] == "head-of-state" && r["of_code"] == "RUS")
    );
    assert!(show["relations"]["CONSULT"].as_i64().unwrap() >= 1);
    geokg(&db)
        .args(["actors", "show", "the Kremlin"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Russia (RUS)"));
    let in_db = json(geokg(&db).args(["actors", "--kind", "person", "--json"]));
    assert!(
        in_db
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["kind"] == "person")
    );
}

#[test]
fn export_dot_is_valid_graphviz() {
    let (dir, db) = loaded();
    let dot_file = dir.path().join("g.dot");
    geokg(&db)
        .args(["export", "--format", "dot", "-o"])
        .arg(&dot_file)
        .assert()
        .success();
    let dot = std::fs::read_to_string(&dot_file).unwrap();
    assert!(dot.starts_with("digraph geokg {") && dot.contains("partners-with"));
    let hood = geokg(&db)
        .args(["export", "--actor", "Xi Jinping", "--depth", "1"])
        .output()
        .unwrap();
    let hood = String::from_utf8(hood.stdout).unwrap();
    assert!(
        hood.contains("Xi Jinping") && !hood.contains("Nikolai Patrushev"),
        "{hood}"
    );
    let json_export =
        json(geokg(&db).args(["export", "--format", "json", "--category", "CONSULT"]));
    assert!(
        json_export["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["category"] == "CONSULT")
    );
    if !graphviz_available() {
        panic!("graphviz `dot` is not installed; .ci/run installs it (apt-get install graphviz)");
    }
    let svg = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot_file)
        .output()
        .unwrap();
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
    assert!(String::from_utf8_lossy(&svg.stdout).contains("<svg"));
}

fn graphviz_available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn hostile_names_survive_dot() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("actors");
    std::fs::create_dir(&actors).unwrap();
    std::fs::write(
        actors.join("organizations-test.tsv"),
        "code\tname\tkind\taliases\tparent\tcountry\nZQX\tThe \"Quoted\" \\ Bäckslash Frønt {x} <y> \\n\tgroup\tZorblandian Liberation Frønt\t\t\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "The Zorblandian Liberation Frønt attacked Russia on Monday.\n",
    )
    .unwrap();
    let db = dir.path().join("g.db");
    geokg(&db)
        .arg("--actors")
        .arg(&actors)
        .arg("load")
        .arg(&article)
        .assert()
        .success();
    let dot = geokg(&db).args(["export"]).output().unwrap();
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(dot.contains("Bäckslash"), "{dot}");
    assert!(
        graphviz_available(),
        "graphviz `dot` is not installed; .ci/run installs it"
    );
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot rejected: {}\n{dot}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Frønt"));
}

#[test]
fn bad_input_is_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Russia praised China on Monday.").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "   \n").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Fran\xe7ois praised China.").unwrap();
    let jsonl = dir.path().join("feed.jsonl");
    std::fs::write(&jsonl, "{\"id\": \"j1\", \"text\": \"Israel attacked Hamas.\"}\n{oops\n{\"id\": \"j3\", \"text\": \"Japan criticized China.\"}\n").unwrap();
    let nothing = dir.path().join("nothing");
    std::fs::create_dir(&nothing).unwrap();
    let missing = dir.path().join("missing.txt");
    let assert = geokg(&db)
        .arg("load")
        .args([&good, &empty, &latin1, &jsonl, &nothing, &missing])
        .assert()
        .code(1);
    let out = assert.get_output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}: the article is empty", empty.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: not valid UTF-8 text", latin1.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:2: not a JSON object", jsonl.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{}: contains no .txt or .jsonl articles",
            nothing.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: no such file or directory", missing.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
    assert_eq!(stderr.lines().count(), 5, "one line per failure: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("3 new") && stdout.contains("5 failed"),
        "{stdout}"
    );
    assert_eq!(stats(&db)["articles"], 3);
}

#[test]
fn read_commands_need_a_database_and_do_not_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    geokg(&db)
        .args(["relations"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "does not exist; create it with `geokg load`",
        ));
    assert!(!db.exists());
}

#[test]
fn database_path_comes_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    Command::cargo_bin("geokg")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("GEOKG_DB", &db)
        .args(["load", SEED])
        .assert()
        .success();
    assert!(db.exists());
}

#[test]
fn stdin_takes_text_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    geokg(&db)
        .args(["load", "-"])
        .write_stdin("Russia attacked Ukraine.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 new"));
    geokg(&db).args(["load", "-"]).write_stdin("{\"id\":\"a\",\"text\":\"Iran criticized Israel.\"}\n{\"id\":\"b\",\"text\":\"Japan praised India.\"}\n").assert().success().stdout(predicate::str::contains("2 new"));
    let out = Command::cargo_bin("geokg")
        .unwrap()
        .args(["extract", "-f", "jsonl", "-"])
        .write_stdin("Egypt condemned Israel.")
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(line["category"], "ACCUSE");
}

#[test]
fn help_teaches() {
    Command::cargo_bin("geokg")
        .unwrap()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("load").and(predicate::str::contains("neighbors")));
    Command::cargo_bin("geokg")
        .unwrap()
        .args(["load", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("savepoint").or(predicate::str::contains("whole")));
}

#[test]
fn a_person_introduced_once_is_recognised_in_later_loads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let first = dir.path().join("first.txt");
    let later = dir.path().join("later.txt");
    std::fs::write(&first, "date: 2023-03-01\n---\nGeorgian Foreign Minister Kvaratso Mdivnadze met Armenian officials in Yerevan.\n").unwrap();
    std::fs::write(&later, "date: 2023-05-01\n---\nKvaratso Mdivnadze criticized Russia over the border fence. Mdivnadze urged Moscow to remove it.\n").unwrap();
    geokg(&db).arg("load").arg(&first).assert().success();
    geokg(&db).arg("load").arg(&later).assert().success();
    let rel = json(geokg(&db).args(["relations", "--actor", "Kvaratso Mdivnadze", "--json"]));
    let categories: Vec<&str> = rel
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["category"].as_str().unwrap())
        .collect();
    assert!(
        categories.contains(&"ACCUSE") && categories.contains(&"REQUEST"),
        "{categories:?}"
    );
    let persons = json(geokg(&db).args(["actors", "--kind", "person", "--json"]));
    let named: Vec<&serde_json::Value> = persons
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"].as_str().unwrap().contains("Mdivnadze"))
        .collect();
    assert_eq!(named.len(), 1, "one node: {named:?}");
    assert_eq!(named[0]["affiliation"], "GEO");
}

#[test]
fn user_actor_files_extend_the_gazetteer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let people = dir.path().join("my-people.tsv");
    std::fs::write(
        &people,
        "person\tsurname\tgender\trole\ttitle\tof\tstart\tend\taliases\nZorab Kvelidze\tKvelidze\tm\tforeign-minister\tForeign Minister\tGEO\t2020-01-01\t\t\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "date: 2021-05-01\n---\nKvelidze criticized Russia on Monday.\n",
    )
    .unwrap();
    let out = geokg(&db)
        .arg("--actors")
        .arg(&people)
        .args(["extract", "--format", "jsonl"])
        .arg(&article)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\"Zorab Kvelidze\"") && text.contains("\"affiliation\":\"GEO\""),
        "{text}"
    );
    // a file whose header is not an actor file's is an error naming it
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "name\tcode\nX\tY\n").unwrap();
    geokg(&db)
        .arg("--actors")
        .arg(&bad)
        .args(["extract", "--format", "jsonl"])
        .arg(&article)
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.tsv"));
}

#[test]
fn reextract_rewrites_only_the_articles_whose_relations_change() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(
        news.join("a.txt"),
        "id: a\n---\nThe Zorblandian Liberation Front attacked Russia on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        news.join("b.txt"),
        "id: b\n---\nFrance condemned Germany on Tuesday.\n",
    )
    .unwrap();
    let db = dir.path().join("g.db");
    geokg(&db).arg("load").arg(&news).assert().success();
    let before = stats(&db)["relations"].as_i64().unwrap();
    geokg(&db)
        .args(["reextract", "-q"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 rewritten, 2 unchanged"));
    // an actor file makes the front known: article a changes, b does not
    let actors = dir.path().join("organizations-test.tsv");
    std::fs::write(
        &actors,
        "code\tname\tkind\taliases\tparent\tcountry\nZLF\tZorblandian Liberation Front\tgroup\t\t\t\n",
    )
    .unwrap();
    geokg(&db)
        .arg("--actors")
        .arg(&actors)
        .args(["reextract", "-q"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 rewritten, 1 unchanged"));
    assert_eq!(stats(&db)["relations"].as_i64().unwrap(), before + 1);
    let front = json(geokg(&db).args(["relations", "--actor", "ZLF", "--json"]));
    assert_eq!(front[0]["category"], "ASSAULT", "{front}");
}
