"""Modal screens: each a typed `ModalScreen[Result]`, closed with `dismiss(value)`."""
