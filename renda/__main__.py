from renda.cli import main

raise SystemExit(main())
