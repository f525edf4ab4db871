"""Word: templates (built-in and own, checked before use), the WordprocessingML writer, its
zip writer, image sizes and the body fingerprint. Importing the package imports none of them."""
