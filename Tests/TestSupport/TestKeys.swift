/// SSH keys for tests only: made once with `ssh-keygen` and kept here so that signatures, and
/// the ids of the commits that carry them, are the same on every run (Ed25519 and RSA
/// signatures are deterministic). Never use them for anything else.
public enum TestKeys {
  /// A key pair: the private key file's text and the public key line.
  public struct Pair: Sendable {
    /// The OpenSSH private key file.
    public let privateKey: String
    /// The public key line, `TYPE BASE64 COMMENT`.
    public let publicKey: String
  }

  /// Alice's Ed25519 key.
  public static let alice = Pair(
    privateKey: """
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
      QyNTUxOQAAACBUeIKReXXfOsdDSrYqGBK1QUrHJRJiuEtzm+pfTFL8ywAAAJhb63OPW+tz
      jwAAAAtzc2gtZWQyNTUxOQAAACBUeIKReXXfOsdDSrYqGBK1QUrHJRJiuEtzm+pfTFL8yw
      AAAEBkdAmEcOWhIpcY79d42sQlcLgh0KXPB7M93AO45gUu+VR4gpF5dd86x0NKtioYErVB
      SsclEmK4S3Ob6l9MUvzLAAAAEWFsaWNlQGV4YW1wbGUub3JnAQIDBA==
      -----END OPENSSH PRIVATE KEY-----
      """,
    publicKey:
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFR4gpF5dd86x0NKtioYErVBSsclEmK4S3Ob6l9MUvzL alice@example.org"
  )

  /// Bob's Ed25519 key.
  public static let bob = Pair(
    privateKey: """
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
      QyNTUxOQAAACCaHPBzor4HsnGOzMgtlvi6jSS5vLDtwe0o8+R8q8aYmQAAAJjhh8PI4YfD
      yAAAAAtzc2gtZWQyNTUxOQAAACCaHPBzor4HsnGOzMgtlvi6jSS5vLDtwe0o8+R8q8aYmQ
      AAAEDM7eo5XQqZBBlvc7x3+BPAX3ffB3oxnVDUOu53JF8P+5oc8HOivgeycY7MyC2W+LqN
      JLm8sO3B7Sjz5HyrxpiZAAAAD2JvYkBleGFtcGxlLm9yZwECAwQFBg==
      -----END OPENSSH PRIVATE KEY-----
      """,
    publicKey:
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJoc8HOivgeycY7MyC2W+LqNJLm8sO3B7Sjz5HyrxpiZ bob@example.org"
  )

  /// Carol's Ed25519 key.
  public static let carol = Pair(
    privateKey: """
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
      QyNTUxOQAAACAm6sEbHSO7QgbkdrpqCHRoeRlKwaaIqw58oVcGEAPf+wAAAJhj9VoGY/Va
      BgAAAAtzc2gtZWQyNTUxOQAAACAm6sEbHSO7QgbkdrpqCHRoeRlKwaaIqw58oVcGEAPf+w
      AAAED19pDyPxvr5eWrIq6diP4HSoSWr0b6N1eURQqkF8wVKCbqwRsdI7tCBuR2umoIdGh5
      GUrBpoirDnyhVwYQA9/7AAAAEWNhcm9sQGV4YW1wbGUub3JnAQIDBA==
      -----END OPENSSH PRIVATE KEY-----
      """,
    publicKey:
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICbqwRsdI7tCBuR2umoIdGh5GUrBpoirDnyhVwYQA9/7 carol@example.org"
  )

  /// Eve's Ed25519 key.
  public static let eve = Pair(
    privateKey: """
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
      QyNTUxOQAAACDnJhkXcyy45bZHNADlP7kaSb09fN53RhZlWilV7H2I7AAAAJgrIqjQKyKo
      0AAAAAtzc2gtZWQyNTUxOQAAACDnJhkXcyy45bZHNADlP7kaSb09fN53RhZlWilV7H2I7A
      AAAEBogBXu3CYthKa1jZenGO0AH5WKcw7faXrl1jcByllMBecmGRdzLLjltkc0AOU/uRpJ
      vT183ndGFmVaKVXsfYjsAAAAD2V2ZUBleGFtcGxlLm9yZwECAwQFBg==
      -----END OPENSSH PRIVATE KEY-----
      """,
    publicKey:
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOcmGRdzLLjltkc0AOU/uRpJvT183ndGFmVaKVXsfYjs eve@example.org"
  )

  /// An ECDSA P-256 key.
  public static let p256 = Pair(
    privateKey: """
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS
      1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQT62I010leduGNjgjun48ReGlR+LJVl
      XK/8ZUzrtTfEhC5eqHyDImvZENMHXB04yYk+Lz9Gr7/B+Qb9TXLzHO7IAAAAsAQc328EHN
      9vAAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPrYjTXSV524Y2OC
      O6fjxF4aVH4slWVcr/xlTOu1N8SELl6ofIMia9kQ0wdcHTjJiT4vP0avv8H5Bv1NcvMc7s
      gAAAAhAKMxzdyREI1FJTUx2w6TQhobw9DLYCRJINpcFjjlx5wNAAAAEHAyNTZAZXhhbXBs
      ZS5vcmcBAgMEBQYH
      -----END OPENSSH PRIVATE KEY-----
      """,
    publicKey:
      "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPrYjTXSV524Y2OCO6fjxF4aVH4slWVcr/xlTOu1N8SELl6ofIMia9kQ0wdcHTjJiT4vP0avv8H5Bv1NcvMc7sg= p256@example.org"
  )

  /// A 2048-bit RSA key.
  public static let rsa = Pair(
    privateKey: """
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABFwAAAAdzc2gtcn
      NhAAAAAwEAAQAAAQEAxLC1F83fxghINgUUNCffSsImkW9Z0/d60wWKRf1Bu7PXW2S9H4I0
      TS7JfGyP/8USRgIBPRR7FkyjZ4x3wgq97vJ/vEwIlZihsRJ+lpTRx+1vi19t9/XR5sVr9g
      SBtZA3IEgtH8ZEWGy8wI4B/3elk37h1MsTWHZ/reK8xzh+8onCKjP4Wf+IVoIuvue1OPEh
      mwPJCXEncszsyFwWDyaJeFm/wec4TFtRK7oQx9bk4hzXbV9dZ0Yjm8FDA2x9261rs9YUlb
      Yq+Owx1fD+qTOzGgYj1BIVm+5YRdfDBv7ARrgbzV8J288EZwyfNI5Tq0IQkLSk2XB16pc6
      cc0a1ONXkQAAA8iur2Mqrq9jKgAAAAdzc2gtcnNhAAABAQDEsLUXzd/GCEg2BRQ0J99Kwi
      aRb1nT93rTBYpF/UG7s9dbZL0fgjRNLsl8bI//xRJGAgE9FHsWTKNnjHfCCr3u8n+8TAiV
      mKGxEn6WlNHH7W+LX2339dHmxWv2BIG1kDcgSC0fxkRYbLzAjgH/d6WTfuHUyxNYdn+t4r
      zHOH7yicIqM/hZ/4hWgi6+57U48SGbA8kJcSdyzOzIXBYPJol4Wb/B5zhMW1EruhDH1uTi
      HNdtX11nRiObwUMDbH3brWuz1hSVtir47DHV8P6pM7MaBiPUEhWb7lhF18MG/sBGuBvNXw
      nbzwRnDJ80jlOrQhCQtKTZcHXqlzpxzRrU41eRAAAAAwEAAQAAAQAlTO+i6oeH6jUrjW4F
      8BPP/R7MUOYjpRi1YSUWXc9z9cifC+0zxwD9LCTIxFvQoQJ0pVevyi0HjxQkBIcHlPrtEC
      76Oh8co5vyVTQNgX6BID2ZnEjiD8u1LHZravJgSM+zfwyTrIl0jXaEO8oUNRAA9zyDmtl5
      2sse4lNzonqsqu6GiRkjv8AbRoqo7RRfGzre4PgIAcdBx/epvODNb5boT3I8aFOEVIDK7B
      xb9qM3mLJEoA8qJlLW1n7HrKYfyAlTEqRDGsgmdY911M7n2r3AK4owen9I+LNy2nV/lkx5
      DyOTcChG/S0JOaQx7mN0zUCRyUSIhgBP4K9eNanpEvL5AAAAgFrJAIrsSHy2ut7NLLYnjR
      SPeJ/+/eBWxYb1hiE6/FXbKj/p477f98DJGLG1lRVRhdpuTatpAVq64uTGNxywjj5BZyPT
      GweChYGE7CCl9E7ZR+QpeYutDahY+UOZKdQY9c71wtkimWKaJA2rhn4fBY/CAXL+0RqyP6
      Putb/3hq+4AAAAgQD/RoOtVitUSBRzru7GKNrf6ilO1ODbksTf5cq2wnM0unPFQehfNpF2
      2q4mpkJIG/PhuyU9dbClNIAa2ilKb4CUAuCjDAQ3Q2u8sjhs37kyR7V8B52yv5uXTVMX/0
      MvO41RNutOX1Yfc/mmsqylBu7mzrhNejxsIZupzP9qPGy/pQAAAIEAxT+f3NciSEhrMtGb
      iYWlm4vswoERYKLxqWIOpbo2BwSad0jalksgSf08aqj4VUDsvqw8lIsr/fET89l6cshrUE
      TE+E3ot2IgtdRHqv7S6CmiLz0+lEkm8aHLAz/tfpSie4V5hBM35bv4pfsOi+ucD7tLdhPF
      +idh7l2y+3a3dH0AAAAPcnNhQGV4YW1wbGUub3JnAQIDBA==
      -----END OPENSSH PRIVATE KEY-----
      """,
    publicKey:
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDEsLUXzd/GCEg2BRQ0J99KwiaRb1nT93rTBYpF/UG7s9dbZL0fgjRNLsl8bI//xRJGAgE9FHsWTKNnjHfCCr3u8n+8TAiVmKGxEn6WlNHH7W+LX2339dHmxWv2BIG1kDcgSC0fxkRYbLzAjgH/d6WTfuHUyxNYdn+t4rzHOH7yicIqM/hZ/4hWgi6+57U48SGbA8kJcSdyzOzIXBYPJol4Wb/B5zhMW1EruhDH1uTiHNdtX11nRiObwUMDbH3brWuz1hSVtir47DHV8P6pM7MaBiPUEhWb7lhF18MG/sBGuBvNXwnbzwRnDJ80jlOrQhCQtKTZcHXqlzpxzRrU41eR rsa@example.org"
  )

  /// An Ed25519 key locked with the passphrase `secret`.
  public static let locked = Pair(
    privateKey: """
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABBYVt5kN4
      WIZwiKGIpodt/tAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIAqopY+omjsJLkJS
      YRfguMwTijZr1ZNO0TMbWcarEDLCAAAAkMr4k/gX4LJRHbZ1eyk8ubXIdqZacu87m6zzaT
      CprHXZn5AjufjqrCd8b1z+11sMwulLtpxl6435comD9rQhiEcAqc27TuPqagZujjtyhYCO
      5P0t0TzGFQfbT69X4VAgY0cJEEHidzz9wJmMwhFlEWmdKg72yDHkQjmSOHFt+uGcj381DT
      In+ASQb/NencFG2g==
      -----END OPENSSH PRIVATE KEY-----
      """,
    publicKey:
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAqopY+omjsJLkJSYRfguMwTijZr1ZNO0TMbWcarEDLC locked")

}
