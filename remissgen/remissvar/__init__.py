"""The remiss answer, remissgen's kind of tjänsteutlåtande: its field table (`spec`), its case
model (`model`), its Swedish phrases and defaults (`phrases`, `fraser.j2`) and its section
order (`compose`). Importing the package imports none of them."""
