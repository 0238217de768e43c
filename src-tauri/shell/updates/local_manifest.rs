//! At the next start the updater plugin installs the staged update, but it builds its `Update` only from a
//! manifest it fetched itself. So the start serves the manifest the update was downloaded from, once, on
//! 127.0.0.1 (a port the OS picks), lets the plugin read it there, and installs the bytes it staged: no
//! network is needed and the window never waits on the release server at start.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves `manifest` to the first request on a loopback port; returns its URL.
pub async fn serve_once(manifest: &serde_json::Value) -> std::io::Result<String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let url = format!("http://{}/latest.json", listener.local_addr()?);
    let body = serde_json::to_vec(manifest).map_err(std::io::Error::other)?;
    tauri::async_runtime::spawn(async move {
        if let Ok((mut stream, _)) = listener.accept().await {
            // the request's head (the plugin sends a GET without a body)
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes()).await;
            let _ = stream.write_all(&body).await;
            let _ = stream.shutdown().await;
        }
    });
    Ok(url)
}
