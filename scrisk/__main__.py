from scrisk.cli import main

raise SystemExit(main())
