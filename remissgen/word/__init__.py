"""Word: templates (built-in and own, checked before use), the WordprocessingML writer, its
list numbering (and the one reader of numbering.xml) and zip writer, the style names and
the namespaces (styles, ooxml: each declared once), where a template place stands as Word
shows it (places), image sizes and the body fingerprint. Importing the package imports none
of them."""
