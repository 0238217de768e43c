//! B-20: an account's history exports as an evidence file.

mod common;

use common::TestApp;
use kos_core::model::Role;
use kos_core::service::ExportAccountHistoryArgs;
use kos_core::ErrorCode;

#[tokio::test]
async fn b20_account_history_exports_as_a_csv_evidence_file_and_the_export_is_recorded() {
    let app = TestApp::with_demo().await;
    let marketing = app.user(Role::BrandMarketing).await;
    let ent = marketing.enterprise_id.unwrap();
    let account = app.first_bound_account(&marketing).await;
    let path = app.dir.path().join("证据.csv");
    let out = app
        .svc
        .export_account_history(
            &marketing,
            ExportAccountHistoryArgs {
                enterprise_id: ent,
                account_id: account,
                file: app.svc.grant_save(&path).unwrap().token,
            },
        )
        .await
        .unwrap();
    assert!(out.rows >= 2, "invitation and acceptance at least: {}", out.rows);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with('\u{feff}'), "BOM for Excel");
    assert!(text.contains("接受绑定邀请"), "{text}");
    assert!(text.contains(&marketing.name));
    // title, export time, chain head, how to verify, a blank line, the header row, then one line a row
    assert_eq!(text.lines().count() as u32, 6 + out.rows);

    let history = app
        .svc
        .account_history(&marketing, kos_core::service::AccountHistoryArgs { enterprise_id: ent, account_id: account })
        .await
        .unwrap();
    assert!(history.iter().any(|h| h.action == "export_history"), "the export itself is in the history");

    let leader = app.user(Role::Employee).await;
    let err = app
        .svc
        .export_account_history(
            &leader,
            ExportAccountHistoryArgs {
                enterprise_id: ent,
                account_id: account,
                file: app.svc.grant_save(&path).unwrap().token,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
}

#[tokio::test]
async fn d1_a_chart_png_is_written_where_the_user_chose_and_anything_else_is_refused() {
    use base64::Engine;
    let app = common::TestApp::with_demo().await;
    let leader = app.user(kos_core::model::Role::Leader).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-rest-of-a-chart";
    let path = app.dir.path().join("每周发布笔记数.png");
    let args = |data: &[u8]| kos_core::service::SaveChartImageArgs {
        enterprise_id: leader.enterprise_id.unwrap(),
        file: app.svc.grant_save(&path).unwrap().token,
        png_base64: base64::engine::general_purpose::STANDARD.encode(data),
    };
    app.svc.save_chart_image(&leader, args(png)).await.unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), png);
    let err = app.svc.save_chart_image(&leader, args(b"<html>not a png</html>")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}
