"""Word: templates (built-in and own, checked before use), the WordprocessingML writer, its
list numbering and zip writer, the namespaces (ooxml, declared once), image sizes and the
body fingerprint. Importing the package imports none of them."""
