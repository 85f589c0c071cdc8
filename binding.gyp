{
  "targets": [
    {
      "target_name": "urn_native",
      "sources": ["native/urn_native.c"],
      "cflags": ["-O3", "-fno-math-errno", "-ffp-contract=off", "-pthread", "-Wall", "-Wno-unused-parameter"],
      "cflags!": ["-fno-omit-frame-pointer"],
      "libraries": ["-lopenblas", "-pthread"]
    }
  ]
}
