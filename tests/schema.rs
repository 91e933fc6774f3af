//! The published JSON Schemas are generated from the Rust types: these tests fail when a
//! type changes and the files in www/schema/ were not regenerated (`make schema`).

fn check(generated: serde_json::Value, path: &str) {
    let published: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")),
    )
    .unwrap();
    assert!(
        generated == published,
        "{path} is out of date: regenerate it with `cargo run -- schema > {path}` (or `make schema`)"
    );
}

#[test]
fn the_published_data_schema_matches_the_types() {
    check(
        mtfs::data_schema(),
        "www/schema/mtfs-council-data-1.schema.json",
    );
}

#[test]
fn the_published_scenario_schema_matches_the_types() {
    check(
        mtfs::scenario_schema(),
        "www/schema/mtfs-scenario-1.schema.json",
    );
}

#[test]
fn the_published_analysis_schema_matches_the_types() {
    check(
        mtfs::analysis_schema(),
        "www/schema/mtfs-analysis-1.schema.json",
    );
}

#[test]
fn the_published_outturn_schema_matches_the_types() {
    check(
        mtfs::outturn::record_schema(),
        "www/schema/mtfs-outturn-1.schema.json",
    );
}

#[test]
fn the_schema_names_every_top_level_field_and_refuses_others() {
    let schema = mtfs::data_schema();
    let props = schema["properties"].as_object().unwrap();
    for field in [
        "format",
        "council",
        "base_year",
        "years",
        "services",
        "programmes",
        "council_tax",
        "funding",
        "reserves",
        "reserves_minimum",
        "referendum",
    ] {
        assert!(props.contains_key(field), "schema lacks {field}");
    }
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
}
