from mingjing.cli import main

main()
