//! HTTPS for a server listening beyond loopback (U-4): rustls with the certificate chain and key given as PEM.

use std::path::Path;
use std::sync::Arc;

use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::TlsAcceptor;

use crate::AppState;

/// The acceptor for the PEM certificate chain and private key at these paths, or why not.
pub fn acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor, String> {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .map_err(|e| format!("无法读取 TLS 证书 {} (cannot read the certificate): {e}", cert.display()))?;
    if certs.is_empty() {
        return Err(format!("{} 中没有证书 (no certificate in the file)", cert.display()));
    }
    let key = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| format!("无法读取 TLS 私钥 {} (cannot read the private key): {e}", key.display()))?;
    // ring, not aws-lc-rs: no cmake or NASM on the build machines. rustls 0.23.48 marks ring's provider
    // deprecated for lacking post-quantum key exchange; classical X25519/P-256 is what clients offer today
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("TLS 证书与私钥不匹配或无效 (certificate and key do not fit): {e}"))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Serves HTTPS on `listener` until Ctrl-C or SIGTERM; a handshake that fails ends that connection only.
pub async fn serve(
    listener: tokio::net::TcpListener,
    acceptor: TlsAcceptor,
    state: Arc<AppState>,
) -> std::io::Result<()> {
    let app = crate::router(state);
    let stop = crate::shutdown();
    tokio::pin!(stop);
    loop {
        let (tcp, _) = tokio::select! {
            accepted = listener.accept() => accepted?,
            _ = &mut stop => return Ok(()),
        };
        let (acceptor, app) = (acceptor.clone(), app.clone());
        tokio::spawn(async move {
            let Ok(stream) = acceptor.accept(tcp).await else { return };
            let service = TowerToHyperService::new(app);
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}
